package io.relevo.observe.notify;

import io.relevo.core.config.NotifyChannel;
import io.relevo.core.notify.RolloutNotice;

/** Delivers one notice to one channel, once; the caller retries. */
interface ChannelSender<C extends NotifyChannel> {

  /**
   * @throws Retryable when another attempt may work (unreachable, 5xx, 429)
   * @throws Exception when it will not (a 4xx, a bad address)
   */
  void send(C channel, RolloutNotice notice) throws Exception;

  /** A failure worth another attempt. */
  final class Retryable extends Exception {
    Retryable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
