package io.relevo.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a client connection that is slow to send a request's headers (the header timeout, from its
 * connection or from the first byte of a later request) or that sits idle between requests (the
 * idle timeout, from the end of the previous response). While a request is being answered neither
 * runs: the upstream timeout and the drain govern then. This is what keeps a slowloris client,
 * which dribbles header bytes to hold a connection forever, from holding more than a few seconds.
 *
 * <p>Sits before the HTTP codec, so that it sees bytes arrive. One timer per connection, re-armed
 * lazily as the deadline moves, rather than one per request. Event-loop thread only.
 */
final class ClientTimeouts extends ChannelInboundHandlerAdapter {

  private enum State {
    /** Waiting for the first byte of a request: the idle deadline runs. */
    IDLE,
    /** A request's headers are arriving: the header deadline runs. */
    HEADERS,
    /** A request is being answered, or the connection became a tunnel: no deadline. */
    BUSY
  }

  private final long headerNanos;
  private final long idleNanos;
  private ChannelHandlerContext ctx;
  private State state = State.HEADERS;
  private long deadline;
  private ScheduledFuture<?> timer;

  ClientTimeouts(Duration headerTimeout, Duration idleTimeout) {
    this.headerNanos = headerTimeout.toNanos();
    this.idleNanos = idleTimeout.toNanos();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    deadline = System.nanoTime() + headerNanos; // a new connection owes its first request's headers
    arm();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (state == State.IDLE) {
      state = State.HEADERS;
      deadline = System.nanoTime() + headerNanos;
      arm();
    }
    ctx.fireChannelRead(msg);
  }

  /** A request's headers are in: it is being answered. */
  void requestStarted() {
    state = State.BUSY;
  }

  /** The answer is written: the connection waits for the next request. */
  void requestDone() {
    state = State.IDLE;
    deadline = System.nanoTime() + idleNanos;
    arm();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    ctx.fireChannelInactive();
  }

  private void arm() {
    if (timer == null) {
      schedule(deadline - System.nanoTime());
    }
  }

  private void schedule(long delayNanos) {
    timer = ctx.executor().schedule(this::check, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
  }

  private void check() {
    timer = null;
    if (state == State.BUSY || !ctx.channel().isActive()) {
      return;
    }
    long left = deadline - System.nanoTime();
    if (left > 0) {
      schedule(left);
    } else {
      ctx.close();
    }
  }
}
