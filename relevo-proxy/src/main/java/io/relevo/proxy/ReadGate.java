package io.relevo.proxy;

import io.netty.channel.Channel;

/**
 * Turns a channel's reading on only while no reason to hold it back is set. Several independent
 * reasons (a response still pending, the revision's connection not ready or full) share the one
 * autoRead switch, so each sets and clears only its own bit. Event-loop thread only.
 */
final class ReadGate {

  /** The client sent a whole request; the next one waits until its response is done. */
  static final int RESPONSE_PENDING = 1;

  /** The connection to the revision is being opened or its request headers are being written. */
  static final int UPSTREAM_NOT_READY = 2;

  /** The connection to the revision has more unsent bytes than its high water mark. */
  static final int UPSTREAM_FULL = 4;

  static final int ALL = RESPONSE_PENDING | UPSTREAM_NOT_READY | UPSTREAM_FULL;

  private final Channel channel;
  private int reasons;

  ReadGate(Channel channel) {
    this.channel = channel;
  }

  void hold(int reason) {
    reasons |= reason;
    apply();
  }

  void release(int reason) {
    reasons &= ~reason;
    apply();
  }

  private void apply() {
    boolean read = reasons == 0;
    if (channel.config().isAutoRead() != read) {
      channel.config().setAutoRead(read);
    }
  }
}
