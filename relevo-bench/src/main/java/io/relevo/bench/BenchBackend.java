package io.relevo.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The slow backend of the benchmark: answers every request 200 with a small body after a fixed
 * delay, scheduled on its event loop so that a thousand requests can wait at once without a thread
 * each. The fast backend is nginx ({@code return 200}), which costs the shared cores less.
 *
 * <p>Usage: {@code BenchBackend PORT DELAY_MS THREADS}. Runs until killed, or until its standard
 * input closes, so that a dying harness never leaves it behind.
 */
public final class BenchBackend {

  private static final ByteBuf BODY =
      Unpooled.unreleasableBuffer(
          Unpooled.directBuffer()
              .writeBytes(
                  "hello from the relevo bench backend\n".getBytes(StandardCharsets.US_ASCII)));

  private BenchBackend() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    long delayMillis = Long.parseLong(args[1]);
    int threads = Integer.parseInt(args[2]);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory());
    Channel server =
        new ServerBootstrap()
            .group(group)
            .channel(EpollServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 4096)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(
                            new HttpServerCodec(),
                            new HttpObjectAggregator(1 << 20),
                            new Answer(delayMillis));
                  }
                })
            .bind("127.0.0.1", port)
            .sync()
            .channel();
    System.out.println("ready " + port);
    System.out.flush();
    while (System.in.read() >= 0) {
      // Wait for the harness to close our input.
    }
    server.close().sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  private static final class Answer extends SimpleChannelInboundHandler<HttpRequest> {
    private final long delayMillis;

    Answer(long delayMillis) {
      this.delayMillis = delayMillis;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpRequest request) {
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.OK, BODY.duplicate());
      response
          .headers()
          .set(HttpHeaderNames.CONTENT_TYPE, "text/plain")
          .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.readableBytes());
      if (delayMillis <= 0) {
        ctx.writeAndFlush(response);
      } else {
        ctx.executor()
            .schedule(() -> ctx.writeAndFlush(response), delayMillis, TimeUnit.MILLISECONDS);
      }
    }
  }
}
