package io.relevo.proxy;

import io.netty.channel.Channel;

/**
 * Turns a channel's reading on only while no reason to hold it back is set. Several independent
 * reasons (a response still pending, the revision's connection not ready or full) share the one
 * autoRead switch, so each sets and clears only its own bit. Event-loop thread only.
 */
final class ReadGate {

  /** A pipelined request arrived; the ones after it wait on the socket until its turn. */
  static final int RESPONSE_PENDING = 1;

  /** Body chunks are held back while the connection to the revision opens or takes the headers. */
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
