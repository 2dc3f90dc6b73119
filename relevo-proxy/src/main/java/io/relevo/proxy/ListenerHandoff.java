package io.relevo.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDomainSocketChannel;
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
 * none is refused. Needs the epoll transport (Linux).
 */
public final class ListenerHandoff {

  private ListenerHandoff() {}

  /** True where file descriptors can be passed (native epoll loaded). */
  public static boolean available() {
    return Epoll.isAvailable();
  }

  /**
   * Listens on {@code path} (mode 0600) and sends each connection the proxy's listening sockets,
   * then closes it.
   */
  public static Channel serve(Proxy proxy, Path path) throws IOException {
    Files.deleteIfExists(path);
    Channel server =
        new ServerBootstrap()
            .group(proxy.group())
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
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    return server;
  }

  /** Connects to {@code path} and returns the file descriptors the old process sent. */
  public static List<Integer> receive(Proxy proxy, Path path, Duration timeout) throws IOException {
    List<Integer> fds = new ArrayList<>();
    CompletableFuture<List<Integer>> done = new CompletableFuture<>();
    Channel channel =
        new Bootstrap()
            .group(proxy.group())
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
    try {
      return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      channel.close();
      throw new IOException("listening sockets from " + path + ": " + e, e);
    }
  }
}
