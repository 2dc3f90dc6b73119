package io.relevo.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads to its end the answer to a request whose client left while the revision worked on it, then
 * puts the connection back in the pool, as HAProxy does by default. Closing it instead costs a
 * connection per abandoned request, and a connect for each of the requests that follow: a load that
 * stopped with 1,000 requests in flight left the pool empty, and the next one began with 1,000
 * connects to the revision, whose first requests waited for the revision to accept them. The answer
 * must end by the request's deadline, else the connection closes. Sits before the {@link
 * UpstreamHandler} while it reads. Event-loop thread only.
 */
final class AbandonedAnswer extends ChannelInboundHandlerAdapter {

  private final BackendPool pool;
  private ScheduledFuture<?> deadline;
  private boolean finalSeen; // a 1xx answer's end is not the end of the answer
  private boolean keepAlive;

  private AbandonedAnswer(BackendPool pool) {
    this.pool = pool;
  }

  /** Reads the rest of {@code channel}'s answer, closing it if that is not done by the deadline. */
  static void readToEnd(BackendPool pool, Channel channel, long deadlineNanos) {
    UpstreamHandler handler = UpstreamHandler.of(channel);
    if (handler == null || !channel.isActive()) {
      channel.close();
      return;
    }
    handler.unbind();
    AbandonedAnswer answer = new AbandonedAnswer(pool);
    channel
        .pipeline()
        .addBefore(channel.pipeline().context(handler).name(), "abandoned-answer", answer);
    answer.deadline =
        channel
            .eventLoop()
            .schedule(
                () -> answer.giveUp(channel),
                Math.max(0, deadlineNanos - System.nanoTime()),
                TimeUnit.NANOSECONDS);
    channel.flush(); // the request's last bytes may still wait in the outbound buffer
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpResponse response
        && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
      finalSeen = true;
      keepAlive = HttpUtil.isKeepAlive(response);
    }
    boolean end = finalSeen && msg instanceof LastHttpContent;
    ReferenceCountUtil.release(msg);
    if (end) {
      stop(ctx.channel());
      if (keepAlive) {
        pool.release(ctx.channel());
      } else {
        ctx.close();
      }
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // Nothing to flush: the answer has no reader.
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    stop(ctx.channel());
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private void giveUp(Channel channel) {
    if (channel.pipeline().get(AbandonedAnswer.class) == this) {
      stop(channel);
      channel.close();
    }
  }

  private void stop(Channel channel) {
    deadline.cancel(false);
    if (channel.pipeline().get(AbandonedAnswer.class) == this) {
      channel.pipeline().remove(this);
    }
  }
}
