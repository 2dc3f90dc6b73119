package io.relevo.proxy;

import io.netty.channel.epoll.EpollServerSocketChannel;
import io.relevo.core.config.HostPort;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Listening sockets received from the proxy process being replaced, each taken by the front door
 * bound to its address. Thread-safe.
 */
final class InheritedListeners {

  private final List<EpollServerSocketChannel> channels;

  private InheritedListeners(List<EpollServerSocketChannel> channels) {
    this.channels = channels;
  }

  static InheritedListeners none() {
    return new InheritedListeners(new ArrayList<>());
  }

  static InheritedListeners of(List<Integer> fds) {
    List<EpollServerSocketChannel> channels = new ArrayList<>();
    fds.forEach(fd -> channels.add(new EpollServerSocketChannel(fd)));
    return new InheritedListeners(channels);
  }

  /** The inherited socket bound to {@code listen}, once. */
  synchronized Optional<EpollServerSocketChannel> take(HostPort listen) {
    InetSocketAddress wanted = new InetSocketAddress(listen.host(), listen.port());
    for (EpollServerSocketChannel channel : channels) {
      if (wanted.equals(channel.localAddress())) {
        channels.remove(channel);
        return Optional.of(channel);
      }
    }
    return Optional.empty();
  }

  /** Closes (in this process) the sockets no front door took. */
  synchronized void closeRest() {
    channels.forEach(channel -> channel.unsafe().closeForcibly());
    channels.clear();
  }
}
