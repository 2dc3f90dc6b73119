package io.relevo.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.relevo.core.config.ProxyConfig;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One request and its response, from the moment the request's headers arrive until the response's
 * last byte is written (or the exchange fails). Both its channels live on the client's event loop,
 * and every method runs there, except {@link #cutOff} which hops onto it.
 *
 * <p>Bodies stream through chunk by chunk: the request's through a {@link RequestRelay}, the
 * response's straight to the client, with a full client connection pausing the revision's reads.
 *
 * <p>A failure before the revision's answer may send the request on once more: to a fresh
 * connection when a pooled one turns out dead, and to the stable revision when {@link StableRetry}
 * allows it.
 */
final class Exchange {

  private static final Set<HttpMethod> IDEMPOTENT =
      Set.of(
          HttpMethod.GET,
          HttpMethod.HEAD,
          HttpMethod.OPTIONS,
          HttpMethod.PUT,
          HttpMethod.DELETE,
          HttpMethod.TRACE);

  private final FrontDoorHandler front;
  private final Channel client;
  private final AppFrontDoor app;
  private final ProxyConfig settings;
  private final boolean pinned;
  private final HttpRequest request;
  private final CharSequence requestId;
  private final HttpVersion clientVersion;
  private final boolean setStickyCookie;
  private final RequestRelay relay;
  private final boolean upgrade; // the request asks to switch protocols (a WebSocket)

  /** Where the exchange is; it only moves forward, except from INTERIM back to WAITING. */
  private enum Phase {
    /** No byte of the revision's final response yet: the deadline runs, a retry may be possible. */
    WAITING,
    /**
     * The revision sent an interim (1xx) response, which the proxy drops; the final one follows.
     */
    INTERIM,
    /** The final response's headers went to the client; its body streams. */
    RESPONDING,
    /** The revision switched protocols (101): bytes flow both ways until either side closes. */
    TUNNEL,
    /** Answered, failed or cut off; nothing more happens. */
    DONE
  }

  private Phase phase = Phase.WAITING;
  // The attempt: its revision, when it started and when its answer is late. A retry on the stable
  // revision starts a new one; the fields are written before the exchange enters that revision's
  // drain tracker, which publishes them to threads that read the ages of requests in flight.
  private Target target;
  private long startNanos = System.nanoTime();
  private long deadlineNanos;
  private boolean retriedOnStable;
  private Channel upstream;
  private UpstreamHandler upstreamHandler;
  private boolean reused; // the current connection to the revision came from the pool
  private boolean retried; // a stale pooled connection was already swapped for a fresh one
  private boolean upstreamKeepAlive;
  private int status; // of the final response, counted once its last byte is forwarded

  Exchange(
      FrontDoorHandler front,
      AppFrontDoor app,
      Target target,
      boolean pinned,
      HttpRequest request,
      CharSequence requestId,
      HttpVersion clientVersion,
      boolean setStickyCookie) {
    this.front = front;
    this.client = front.channel();
    this.app = app;
    this.settings = app.settings();
    this.target = target;
    this.pinned = pinned;
    this.request = request;
    this.requestId = requestId;
    this.clientVersion = clientVersion;
    this.setStickyCookie = setStickyCookie;
    this.relay = new RequestRelay(front.reads());
    this.upgrade = request.headers().contains(HttpHeaderNames.UPGRADE);
    this.deadlineNanos = startNanos + settings.upstreamTimeout().toNanos();
  }

  void start() {
    target.state().drain().enter(this);
    front.watchDeadline(deadlineNanos);
    acquire();
  }

  /**
   * Nanoseconds until the revision's answer is late, for the front door's deadline timer; {@link
   * Long#MAX_VALUE} once it answered or the exchange ended.
   */
  long timeLeft(long nowNanos) {
    return waiting() ? deadlineNanos - nowNanos : Long.MAX_VALUE;
  }

  /** When the current attempt started, on {@link System#nanoTime()}: its request's age. */
  long startedNanos() {
    return startNanos;
  }

  boolean requestComplete() {
    return relay.complete();
  }

  // ---- towards the revision ------------------------------------------------------------------

  private void acquire() {
    Channel pooled = retried ? null : app.pool().poll(client.eventLoop(), target.endpoint());
    if (pooled != null) {
      attach(pooled, true);
      return;
    }
    app.pool()
        .connect(client.eventLoop(), target.endpoint(), settings.connectTimeout())
        .addListener((ChannelFuture f) -> connected(f));
  }

  private void connected(ChannelFuture future) {
    if (phase == Phase.DONE) {
      future.channel().close();
    } else if (future.isSuccess()) {
      attach(future.channel(), false);
    } else if (!retryOnStable()) {
      target.state().counters().connectFailed();
      respondError(
          future.cause() instanceof ConnectTimeoutException
              ? ErrorResponses.connectTimedOut(
                  target.revision(), target.endpoint(), settings.connectTimeout())
              : ErrorResponses.refused(target.revision(), target.endpoint()));
    }
  }

  private void attach(Channel channel, boolean reused) {
    this.upstream = channel;
    this.reused = reused;
    relay.attach(channel);
    upstreamHandler = UpstreamHandler.of(channel);
    upstreamHandler.bind(this);
    channel.writeAndFlush(request).addListener((ChannelFuture f) -> headersWritten(f));
  }

  private void headersWritten(ChannelFuture future) {
    if (phase == Phase.DONE || future.channel() != upstream) {
      return;
    }
    if (!future.isSuccess()) {
      future.channel().close(); // channelInactive then decides between a retry and a 502
      return;
    }
    relay.headersWritten();
  }

  /** A chunk of the request's body from the client. */
  void requestContent(HttpContent content) {
    if (phase == Phase.DONE) {
      content.release();
    } else {
      relay.add(content);
    }
  }

  /** The client's read burst ended: push what it gave us. */
  void flushUpstream() {
    if (phase != Phase.DONE) {
      relay.flush();
    }
  }

  void upstreamWritabilityChanged(Channel channel) {
    if (channel == upstream && phase != Phase.DONE) {
      relay.upstreamWritabilityChanged();
    }
  }

  // ---- towards the client --------------------------------------------------------------------

  void upstreamResponse(Channel channel, HttpResponse response) {
    if (phase == Phase.DONE || channel != upstream) {
      return;
    }
    if (upgrade && response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
      switchProtocols(response);
      return;
    }
    if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
      // 100 Continue was answered by the proxy itself; other interim answers (103) are dropped.
      phase = Phase.INTERIM;
      return;
    }
    phase = Phase.RESPONDING;
    status = response.status().code();
    upstreamKeepAlive = HttpUtil.isKeepAlive(response);
    ForwardedHeaders.prepareResponse(response, requestId, clientVersion);
    if (setStickyCookie) {
      response
          .headers()
          .add(HttpHeaderNames.SET_COOKIE, app.stickyCookie().setCookie(target.revision()));
    }
    if (settings.revisionHeader() != null) {
      response.headers().set(settings.revisionHeader(), target.revision());
    }
    client.write(response, client.voidPromise());
  }

  /**
   * The revision accepted the switch: the 101 goes to the client, then both connections leave HTTP
   * and become a {@link Tunnel}. The exchange stays in flight on the revision (a drain waits for it
   * and closes it at its timeout) until either side closes.
   */
  private void switchProtocols(HttpResponse response) {
    phase = Phase.TUNNEL;
    status = response.status().code();
    countAnswer(); // the latency of the switch, not of the conversation that follows
    String protocol = response.headers().get(HttpHeaderNames.UPGRADE);
    ForwardedHeaders.prepareResponse(response, requestId, clientVersion);
    if (protocol != null) {
      response.headers().set(HttpHeaderNames.UPGRADE, protocol);
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
    }
    if (settings.revisionHeader() != null) {
      response.headers().set(settings.revisionHeader(), target.revision());
    }
    upstreamHandler.unbind();
    ProtocolSwitch.tunnel(client, upstream, response, this::tunnelClosed);
  }

  private void tunnelClosed() {
    if (phase == Phase.TUNNEL) {
      client.close();
      upstream.close();
      finish(true);
    }
  }

  void upstreamContent(Channel channel, HttpContent content) {
    if (phase == Phase.DONE || channel != upstream || phase == Phase.INTERIM) {
      if (phase == Phase.INTERIM && content instanceof LastHttpContent) {
        phase = Phase.WAITING; // the interim response ended; the final one is still to come
      }
      content.release();
      return;
    }
    if (content instanceof LastHttpContent) {
      countAnswer(); // first, so that a client that has the whole answer finds it counted
      client.writeAndFlush(content, client.voidPromise());
      if (upstreamKeepAlive && relay.sent()) {
        upstreamHandler.unbind();
        app.pool().release(upstream);
      } else {
        // The revision answered before the request ended, or wants to close: never reuse.
        upstream.close();
      }
      finish(true);
      return;
    }
    client.write(content, client.voidPromise());
    if (!client.isWritable()) {
      upstream.config().setAutoRead(false);
    }
  }

  /** The revision's read burst ended: push what it gave us. */
  void flushClient() {
    client.flush();
  }

  void clientWritabilityChanged() {
    if (phase == Phase.RESPONDING) {
      upstream.config().setAutoRead(client.isWritable());
    }
  }

  // ---- failures ------------------------------------------------------------------------------

  /** The revision's connection closed (or its request write failed) while this exchange held it. */
  void upstreamLost(Channel channel) {
    if (phase == Phase.DONE || channel != upstream) {
      return;
    }
    if (phase == Phase.RESPONDING) {
      client.close(); // the response was cut short; the client must not take it as complete
      target.state().counters().brokeOff((System.nanoTime() - startNanos) / 1_000);
      finish(true);
    } else if (canRetry()) {
      retried = true;
      upstream = null;
      relay.rewind();
      acquire();
    } else if (!retryOnStable()) {
      target.state().counters().connectFailed();
      respondError(ErrorResponses.closedEarly(target.revision(), target.endpoint()));
    }
  }

  /**
   * A pooled connection may have been closed by the revision just before we reused it. Retry once
   * on a fresh one when nothing of the request can have been acted on: its headers never left, or
   * it is idempotent and none of its body was sent.
   */
  private boolean canRetry() {
    return reused
        && !retried
        && !relay.bodyStarted()
        && (!relay.headersSent() || IDEMPOTENT.contains(request.method()));
  }

  /**
   * After the revision refused the request or dropped it before a byte of answer, sends it to the
   * stable revision instead when {@link StableRetry} allows it and this is its first such retry.
   * The failed revision counts it as retried; the stable revision counts it as its own request,
   * with a deadline and a latency of its own; a sticky split's cookie then names the stable
   * revision, the one that answered. The stale-connection retry above applies on each revision, so
   * a request makes at most four attempts on two revisions.
   *
   * @return whether the request went to the stable revision
   */
  private boolean retryOnStable() {
    if (pinned || retriedOnStable || phase != Phase.WAITING || relay.bodyStarted()) {
      return false;
    }
    Target stable = StableRetry.target(app.split(), target, request);
    if (stable == null) {
      return false;
    }
    target.state().counters().retriedOnStable();
    target.state().drain().leave(this, false); // neither completed nor cut off there
    retriedOnStable = true;
    target = stable;
    upstream = null;
    reused = false;
    retried = false;
    relay.rewind();
    startNanos = System.nanoTime();
    deadlineNanos = startNanos + settings.upstreamTimeout().toNanos();
    start(); // the new attempt enters the stable revision's drain tracker and deadline watch
    return true;
  }

  /** The revision did not answer by the deadline: 504. */
  void upstreamTimedOut() {
    if (!waiting()) {
      return;
    }
    target.state().counters().timedOut();
    respondError(ErrorResponses.timedOut(target.revision(), settings.upstreamTimeout()));
  }

  /** The client went away: the revision's connection goes too, since its response has no reader. */
  void clientClosed() {
    if (phase != Phase.DONE) {
      if (phase == Phase.RESPONDING) {
        countAnswer(); // the revision answered; the client left while the body streamed
      }
      if (upstream != null) {
        app.pool()
            .clientLeft(
                upstream, phase == Phase.WAITING && relay.sent() && !upgrade, deadlineNanos);
      }
      finish(true);
    }
  }

  /**
   * Ends the exchange because its revision's drain ran out: 504 if the client has seen nothing yet,
   * else a closed connection. Any thread.
   *
   * @param from the drain that asks; an exchange that has moved to the stable revision since is not
   *     its to cut off
   * @return whether the exchange was still running and is cut off now
   */
  CompletableFuture<Boolean> cutOff(DrainTracker from) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    client
        .eventLoop()
        .execute(
            () -> {
              if (phase == Phase.DONE || target.state().drain() != from) {
                result.complete(false); // over, or moved on to the stable revision
                return;
              }
              target.state().counters().timedOut();
              if (phase == Phase.RESPONDING || phase == Phase.TUNNEL) {
                client.close();
                closeUpstream();
                finish(false);
              } else {
                respondError(ErrorResponses.cutOff(target.revision()), false);
              }
              result.complete(true);
            });
    return result;
  }

  private void respondError(FullHttpResponse response) {
    respondError(response, true);
  }

  private void respondError(FullHttpResponse response, boolean completed) {
    closeUpstream();
    response.headers().set(ForwardedHeaders.X_REQUEST_ID, requestId);
    if (!relay.complete()) {
      // The rest of the request body is still on the wire; closing is cheaper than reading it.
      response.headers().set(HttpHeaderNames.CONNECTION, "close");
      client.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    } else {
      client.writeAndFlush(response);
    }
    finish(completed);
  }

  private void closeUpstream() {
    if (upstream != null) {
      UpstreamHandler handler = UpstreamHandler.of(upstream);
      if (handler != null) {
        handler.unbind();
      }
      upstream.close();
    }
  }

  /**
   * Counts the revision's answer with its latency so far: to the last byte forwarded when the
   * response is complete, else to the moment it broke off.
   */
  private void countAnswer() {
    target.state().counters().answered(status, (System.nanoTime() - startNanos) / 1_000);
  }

  /** Whether the revision has yet to send its final response's headers. */
  private boolean waiting() {
    return phase == Phase.WAITING || phase == Phase.INTERIM;
  }

  private void finish(boolean completed) {
    boolean tunnel = phase == Phase.TUNNEL;
    phase = Phase.DONE;
    relay.discard();
    target.state().drain().leave(this, completed);
    if (!tunnel) {
      front.exchangeDone(this); // a tunnel's connection is no longer the front door's
    }
  }
}
