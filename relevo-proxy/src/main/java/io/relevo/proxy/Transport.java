package io.relevo.proxy;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.function.Supplier;

/** The socket implementation: native epoll on Linux when it loads, Java NIO otherwise. */
record Transport(
    String name,
    Supplier<IoHandlerFactory> ioHandlers,
    Class<? extends ServerChannel> serverChannel,
    Class<? extends Channel> channel) {

  static Transport best() {
    if (Epoll.isAvailable()) {
      return new Transport(
          "epoll",
          EpollIoHandler::newFactory,
          EpollServerSocketChannel.class,
          EpollSocketChannel.class);
    }
    return new Transport(
        "nio", NioIoHandler::newFactory, NioServerSocketChannel.class, NioSocketChannel.class);
  }

  EventLoopGroup newGroup(int threads) {
    return new MultiThreadIoEventLoopGroup(threads, ioHandlers.get());
  }
}
