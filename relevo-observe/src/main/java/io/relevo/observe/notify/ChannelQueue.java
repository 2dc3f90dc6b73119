package io.relevo.observe.notify;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** One worker thread and a bounded queue for one kind of channel. */
final class ChannelQueue {

  private final ThreadPoolExecutor executor;

  ChannelQueue(String name, int capacity) {
    executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(capacity),
            r -> Thread.ofPlatform().daemon().name("relevo-notify-" + name).unstarted(r),
            new ThreadPoolExecutor.AbortPolicy());
  }

  /** Queues the task; false when the queue is full (or closed). Never blocks. */
  boolean offer(Runnable task) {
    try {
      executor.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  void close() {
    executor.shutdownNow();
  }
}
