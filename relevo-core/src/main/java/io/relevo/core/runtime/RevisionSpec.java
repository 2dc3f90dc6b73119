package io.relevo.core.runtime;

import io.relevo.core.config.AppConfig;
import java.nio.file.Path;

/**
 * All a runtime needs to start one revision.
 *
 * @param app the app's name
 * @param revision the revision number, 1, 2, 3 … per app
 * @param version the version label, substituted for {@code {version}}
 * @param config the app's config at the time of the rollout
 * @param baseDir the folder relative paths in the config resolve against (the config file's folder)
 * @param logFile where the revision's stdout and stderr go
 */
public record RevisionSpec(
    String app, int revision, String version, AppConfig config, Path baseDir, Path logFile) {}
