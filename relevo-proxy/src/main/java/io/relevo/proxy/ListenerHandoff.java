package io.relevo.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketChannel;
import io.netty.channel.unix.DomainSocketReadMode;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Hands the listening sockets of a proxy process to the one that replaces it, as HAProxy's seamless
 * reload does: the old process sends their file descriptors over a unix socket (SCM_RIGHTS), the
 * new one accepts on the very same sockets, so no connection waiting in their queues is lost and
 * none is refused. Needs the native epoll library (Linux); the handoff runs on an event loop of its
 * own, so it works whatever transport the proxy's loops use. The receiving process adopts the
 * sockets as epoll channels ({@link Proxy#start(ProxyOptions, List)}).
 */
public final class ListenerHandoff {

  private ListenerHandoff() {}

  /** True where file descriptors can be passed (native epoll loaded). */
  public static boolean available() {
    return Epoll.isAvailable();
  }

  /**
   * Listens on {@code path} (mode 0600) and sends each connection the proxy's listening sockets,
   * then closes it. Closing the returned channel stops its event loop.
   */
  public static Channel serve(Proxy proxy, Path path) throws IOException {
    Files.deleteIfExists(path);
    EventLoopGroup loop = newLoop();
    Channel server;
    try {
      server =
          new ServerBootstrap()
              .group(loop)
              .channel(EpollServerDomainSocketChannel.class)
              .childHandler(
                  new ChannelInitializer<DomainSocketChannel>() {
                    @Override
                    protected void initChannel(DomainSocketChannel ch) {
                      ch.pipeline()
                          .addLast(
                              new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelActive(ChannelHandlerContext ctx) {
                                  for (int fd : proxy.listenerFds()) {
                                    ctx.write(new FileDescriptor(fd));
                                  }
                                  ctx.writeAndFlush(ctx.alloc().buffer(0))
                                      .addListener(ChannelFutureListener.CLOSE);
                                }
                              });
                    }
                  })
              .bind(new DomainSocketAddress(path.toFile()))
              .syncUninterruptibly()
              .channel();
    } catch (RuntimeException e) {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw new IOException("cannot listen on " + path + ": " + e, e);
    }
    server.closeFuture().addListener(closed -> loop.shutdownGracefully(0, 1, TimeUnit.SECONDS));
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    return server;
  }

  /** Connects to {@code path} and returns the file descriptors the old process sent. */
  public static List<Integer> receive(Path path, Duration timeout) throws IOException {
    EventLoopGroup loop = newLoop();
    try {
      return receive(loop, path, timeout);
    } finally {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  private static List<Integer> receive(EventLoopGroup loop, Path path, Duration timeout)
      throws IOException {
    List<Integer> fds = new ArrayList<>();
    CompletableFuture<List<Integer>> done = new CompletableFuture<>();
    Channel channel;
    try {
      channel =
          new Bootstrap()
              .group(loop)
              .channel(EpollDomainSocketChannel.class)
              .option(
                  EpollChannelOption.DOMAIN_SOCKET_READ_MODE, DomainSocketReadMode.FILE_DESCRIPTORS)
              .handler(
                  new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                      if (msg instanceof FileDescriptor fd) {
                        fds.add(fd.intValue());
                      }
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                      done.complete(List.copyOf(fds));
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                      done.completeExceptionally(cause);
                      ctx.close();
                    }
                  })
              .connect(new DomainSocketAddress(path.toFile()))
              .syncUninterruptibly()
              .channel();
    } catch (RuntimeException e) {
      throw new IOException("listening sockets from " + path + ": " + e, e);
    }
    try {
      return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      channel.close();
      throw new IOException("listening sockets from " + path + ": " + e, e);
    }
  }

  private static EventLoopGroup newLoop() {
    return new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
  }
}
