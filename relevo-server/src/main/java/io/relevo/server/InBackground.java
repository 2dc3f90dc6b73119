package io.relevo.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A step of the agent's start that runs on a thread of its own while the start goes on; {@link
 * #await()} hands over its result, or throws what it threw, as if it had run on the caller's
 * thread.
 */
final class InBackground<T> {

  private final CompletableFuture<T> result;

  private InBackground(CompletableFuture<T> result) {
    this.result = result;
  }

  static <T> InBackground<T> start(String threadName, Supplier<T> step) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread.ofPlatform()
        .name(threadName)
        .daemon()
        .start(
            () -> {
              try {
                result.complete(step.get());
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            });
    return new InBackground<>(result);
  }

  /** Waits for the step to end. */
  T await() {
    try {
      return result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Hands the result to {@code then} once the step has ended well (at once if it has). */
  void whenDone(Consumer<T> then) {
    result.thenAccept(then);
  }

  /** For a start that failed: waits for the step to end, whatever it ended with. */
  void awaitQuietly() {
    result.handle((value, error) -> null).join();
  }
}
