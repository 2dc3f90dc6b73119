package io.relevo.core.hooks;

import io.relevo.core.config.HookCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Runs one hook command to its end or its timeout. Never throws: a surprise is a failed result. */
@FunctionalInterface
public interface HookRunner {

  /**
   * @param env the whole environment of the command
   * @param workdir the folder it runs in, and relative program paths resolve against
   */
  HookResult run(HookCommand hook, Map<String, String> env, Path workdir);

  /** An agent without a runner: every configured hook fails, saying so. */
  static HookRunner none() {
    return (hook, env, workdir) ->
        HookResult.failed(
            "this agent cannot run hooks (no hook runner is wired)", "", Duration.ZERO);
  }
}
