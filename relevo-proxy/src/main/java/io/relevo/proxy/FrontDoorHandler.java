package io.relevo.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One client connection to an app's front door. It routes each request as its headers arrive, to
 * the split in force at that moment, and runs one exchange at a time: a pipelined request waits,
 * with reading paused from its arrival, until the response before it is done. Reading is not paused
 * for a request that is alone on its connection, so the usual keep-alive request costs no epoll_ctl
 * calls.
 */
final class FrontDoorHandler extends ChannelInboundHandlerAdapter {

  private final AppFrontDoor app;
  private final ArrayDeque<Object> waiting = new ArrayDeque<>();
  private Channel channel;
  private ReadGate reads;
  private Exchange current;
  private String clientAddress; // for X-Forwarded-For, formatted once per connection
  private ScheduledFuture<?> deadlineTimer;
  private ClientTimeouts timeouts;

  FrontDoorHandler(AppFrontDoor app) {
    this.app = app;
  }

  Channel channel() {
    return channel;
  }

  ReadGate reads() {
    return reads;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    reads = new ReadGate(channel);
    timeouts = ctx.pipeline().get(ClientTimeouts.class);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (current != null && current.requestComplete()) {
      waiting.add(msg); // pipelined: its turn comes when the current response is done
      reads.hold(ReadGate.RESPONSE_PENDING);
      return;
    }
    dispatch(msg);
  }

  private void dispatch(Object msg) {
    if (msg instanceof HttpRequest request) {
      timeouts.requestStarted();
      FullHttpResponse refusal = RequestLimits.refusal(request, app.settings().limits());
      if (refusal != null) {
        ReferenceCountUtil.release(msg);
        refuse(refusal);
        return;
      }
      route(request);
    }
    if (msg instanceof HttpContent content) {
      if (content.decoderResult().isFailure()) {
        content.release(); // a broken chunk: nothing after it can be trusted
        channel.close();
        return;
      }
      if (current == null) {
        content.release(); // the body of a request already answered (503, early response)
        return;
      }
      current.requestContent(content);
    }
  }

  /** Answers a request the proxy will not forward and closes the connection once it is sent. */
  private void refuse(FullHttpResponse refusal) {
    reads.hold(ReadGate.RESPONSE_PENDING); // nothing more is read from this connection
    channel.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
  }

  private void route(HttpRequest request) {
    WeightedSplit split = app.split(); // the split of this moment: old or new, never none
    boolean stickySplit = split.split().sticky();
    int sticky = stickySplit ? app.stickyCookie().revision(request.headers()) : -1;
    // Reads the override, if this client may use one, and strips relevo's headers and cookies.
    int override = app.overrides().requested(request.headers(), channel.remoteAddress());
    Target target = split.pick(override, sticky);
    if (target == null) {
      channel.writeAndFlush(ErrorResponses.noRevision(app.name()));
      timeouts.requestDone();
      return;
    }
    HttpVersion version = request.protocolVersion();
    if (clientAddress == null) {
      clientAddress = ForwardedHeaders.address(channel.remoteAddress());
    }
    CharSequence requestId = ForwardedHeaders.prepareRequest(request, clientAddress);
    boolean setCookie = stickySplit && target.weight() > 0 && sticky != target.revision();
    // A request the header sent to a revision stays there, even when that revision fails it.
    boolean pinned = override != OverridePolicy.NONE && split.pinned(override) != null;
    Exchange exchange =
        new Exchange(this, app, target, pinned, request, requestId, version, setCookie);
    current = exchange;
    exchange.start();
  }

  /**
   * Makes sure a timer will look at the current exchange by {@code deadlineNanos}. One timer per
   * connection, re-armed lazily, rather than one per request: scheduling and cancelling a task for
   * every request showed in the profile (a priority-queue insert and removal, and an allocation),
   * while back-to-back keep-alive requests let one timer cover many of them. When it fires early
   * for a later request, it re-arms for that request's deadline.
   */
  void watchDeadline(long deadlineNanos) {
    if (deadlineTimer == null) {
      armDeadlineTimer(deadlineNanos - System.nanoTime());
    }
  }

  private void armDeadlineTimer(long delayNanos) {
    deadlineTimer =
        channel
            .eventLoop()
            .schedule(this::deadlineReached, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
  }

  private void deadlineReached() {
    deadlineTimer = null;
    if (current == null) {
      return;
    }
    long left = current.timeLeft(System.nanoTime());
    if (left <= 0) {
      current.upstreamTimedOut();
    } else if (left != Long.MAX_VALUE) {
      armDeadlineTimer(left);
    }
  }

  /** Called by the exchange when it ends, on this channel's loop. */
  void exchangeDone(Exchange exchange) {
    if (current != exchange) {
      return;
    }
    current = null;
    timeouts.requestDone();
    reads.release(ReadGate.ALL);
    while (!waiting.isEmpty() && (current == null || !current.requestComplete())) {
      dispatch(waiting.poll());
    }
    if (!waiting.isEmpty()) {
      reads.hold(ReadGate.RESPONSE_PENDING);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (current != null) {
      current.flushUpstream();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (current != null) {
      current.clientWritabilityChanged();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (deadlineTimer != null) {
      deadlineTimer.cancel(false);
      deadlineTimer = null;
    }
    if (current != null) {
      current.clientClosed();
    }
    waiting.forEach(ReferenceCountUtil::release);
    waiting.clear();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
