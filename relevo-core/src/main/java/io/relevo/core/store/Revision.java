package io.relevo.core.store;

import io.relevo.core.runtime.InstanceRecord;
import java.time.Instant;

/**
 * One immutable version of an app, and what became of it.
 *
 * @param app the app
 * @param number 1, 2, 3 … per app
 * @param version the version label the user deployed
 * @param configHash SHA-256 of the config text, so a changed config is a new revision
 * @param configText the config the revision was deployed with (after interpolation)
 * @param configFile the path of that config file, for relative paths in it
 * @param state where it is in its life
 * @param instance how to find it while it runs; null when it does not run
 * @param createdAt when it was first started
 * @param keepUntil for a {@link State#WARM} revision: when it will be stopped; otherwise null
 * @param exitCode the exit code once it exited, else null
 */
public record Revision(
    String app,
    int number,
    String version,
    String configHash,
    String configText,
    String configFile,
    State state,
    InstanceRecord instance,
    Instant createdAt,
    Instant keepUntil,
    Integer exitCode) {

  /** The life of a revision. */
  public enum State {
    /** Started, not yet ready. */
    STARTING,
    /** Ready, checked, taking no traffic yet. */
    READY,
    /**
     * Taking a share of traffic beside the stable revision during a canary rollout; it becomes
     * {@link #SERVING} when promoted, {@link #FAILED} when the rollout fails or the agent stops
     * during it.
     */
    CANARY,
    /** Taking the app's traffic. */
    SERVING,
    /** Running without traffic, kept for a quick rollback until {@code keepUntil}. */
    WARM,
    /** Stopped by relevo. */
    STOPPED,
    /** Refused during its rollout (not ready, failed smoke checks); stopped. */
    FAILED,
    /** Exited on its own while relevo expected it to run. */
    CRASHED
  }

  public Revision withState(State newState) {
    return new Revision(
        app,
        number,
        version,
        configHash,
        configText,
        configFile,
        newState,
        instance,
        createdAt,
        keepUntil,
        exitCode);
  }

  public Revision withInstance(InstanceRecord newInstance) {
    return new Revision(
        app,
        number,
        version,
        configHash,
        configText,
        configFile,
        state,
        newInstance,
        createdAt,
        keepUntil,
        exitCode);
  }

  public Revision withKeepUntil(Instant until) {
    return new Revision(
        app,
        number,
        version,
        configHash,
        configText,
        configFile,
        state,
        instance,
        createdAt,
        until,
        exitCode);
  }

  public Revision withExitCode(Integer code) {
    return new Revision(
        app,
        number,
        version,
        configHash,
        configText,
        configFile,
        state,
        instance,
        createdAt,
        keepUntil,
        code);
  }

  /** {@code 3 (v1.2.0)}: how messages name a revision. */
  public String label() {
    return number + " (" + version + ")";
  }
}
