package io.relevo.core.testing;

import io.relevo.core.config.HookCommand;
import io.relevo.core.hooks.HookResult;
import io.relevo.core.hooks.HookRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A hook runner that records each run and answers with the result set for its program. */
public final class RecordingHooks implements HookRunner {

  /** One run: the program and the environment it got. */
  public record Run(String program, Map<String, String> env, Path workdir) {}

  public final List<Run> runs = new CopyOnWriteArrayList<>();
  private final Map<String, HookResult> results = new ConcurrentHashMap<>();

  /** Makes {@code program} exit with {@code exitCode} and print {@code output}. */
  public RecordingHooks answer(String program, int exitCode, String output) {
    results.put(program, new HookResult(exitCode, output, Duration.ofMillis(5), null));
    return this;
  }

  @Override
  public HookResult run(HookCommand hook, Map<String, String> env, Path workdir) {
    String program = hook.command().getFirst();
    runs.add(new Run(program, Map.copyOf(env), workdir));
    return results.getOrDefault(program, new HookResult(0, "", Duration.ofMillis(5), null));
  }

  /** The programs run, in order. */
  public List<String> programs() {
    return runs.stream().map(Run::program).toList();
  }
}
