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
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.relevo.core.RelevoException;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket implementation of the event loops: the one an operator names in {@value #ENV} (or the
 * system property {@value #PROPERTY}), else epoll, else NIO. io_uring is there to be named: once
 * compiled it spends a fifth to a third less of the event loop's CPU per request than epoll (one
 * {@code io_uring_enter} per ten requests instead of four system calls per request), but it is not
 * the default until its warm-up under load, its memory at 1,000 connections and its restart on
 * epoll are settled (docs/PROXY-PERFORMANCE.md, "io_uring").
 *
 * @param reason why this one runs, for the log
 */
record Transport(
    String name,
    String reason,
    Supplier<IoHandlerFactory> ioHandlers,
    Class<? extends ServerChannel> serverChannel,
    Class<? extends Channel> channel) {

  /** The environment variable that forces a transport: io_uring, epoll or nio. */
  static final String ENV = "RELEVO_PROXY_TRANSPORT";

  /** The system property that forces a transport; it wins over {@value #ENV}. */
  static final String PROPERTY = "relevo.proxy.transport";

  static final String IO_URING = "io_uring";
  static final String EPOLL = "epoll";
  static final String NIO = "nio";

  private static final Logger log = LoggerFactory.getLogger(Transport.class);

  /** Probed once per process, so the reasons a native transport does not load are logged once. */
  private static final class Best {
    static final Transport INSTANCE = probe();

    private static Transport probe() {
      if (!Epoll.isAvailable()) {
        log.debug("epoll transport unavailable: {}", Epoll.unavailabilityCause().toString());
      }
      return Epoll.isAvailable() ? epoll("the default") : nio("epoll does not load");
    }
  }

  /** The transport {@value #PROPERTY} or {@value #ENV} names, else {@link #best()}. */
  static Transport chosen() {
    return chosen(System.getProperty(PROPERTY), System.getenv(ENV));
  }

  /**
   * The transport the property (first) or the environment variable names, else {@link #best()}.
   *
   * @throws RelevoException BAD_INPUT for an unknown name or one that does not load here
   */
  static Transport chosen(String property, String env) {
    if (property != null && !property.isBlank()) {
      return named(PROPERTY, property.strip());
    }
    if (env != null && !env.isBlank()) {
      return named(ENV, env.strip());
    }
    return best();
  }

  /** The default transport: epoll where it loads, else NIO. */
  static Transport best() {
    return Best.INSTANCE;
  }

  /** The transports that load here. */
  static List<String> available() {
    return List.of(IO_URING, EPOLL, NIO).stream().filter(Transport::loads).toList();
  }

  private static Transport named(String source, String value) {
    String forced = "set by " + source;
    return switch (value) {
      case IO_URING ->
          loads(IO_URING) ? ioUring(forced) : refuse(source, value, IoUring.unavailabilityCause());
      case EPOLL ->
          loads(EPOLL) ? epoll(forced) : refuse(source, value, Epoll.unavailabilityCause());
      case NIO -> nio(forced);
      default ->
          throw new RelevoException(
              RelevoException.Kind.BAD_INPUT,
              source
                  + "="
                  + value
                  + ": unknown proxy transport (expected: "
                  + IO_URING
                  + ", "
                  + EPOLL
                  + " or "
                  + NIO
                  + ", or unset for the default)");
    };
  }

  private static boolean loads(String name) {
    return switch (name) {
      case IO_URING -> IoUring.isAvailable();
      case EPOLL -> Epoll.isAvailable();
      default -> true;
    };
  }

  private static Transport refuse(String source, String value, Throwable cause) {
    throw new RelevoException(
        RelevoException.Kind.BAD_INPUT,
        source
            + "="
            + value
            + ": the "
            + value
            + " transport does not load here ("
            + cause
            + "); available: "
            + String.join(", ", available())
            + ", or unset it for the default");
  }

  /**
   * The transport a process runs on when it takes listening sockets over from another: this one if
   * it can adopt them, else epoll. Netty's io_uring and NIO channels cannot be made from an
   * existing file descriptor; the sockets came over epoll, so epoll loads.
   */
  Transport adopting(List<Integer> inheritedFds) {
    if (inheritedFds.isEmpty() || name.equals(EPOLL)) {
      return this;
    }
    return epoll(name + " cannot adopt the listening sockets taken over");
  }

  EventLoopGroup newGroup(int threads) {
    return new MultiThreadIoEventLoopGroup(threads, ioHandlers.get());
  }

  private static Transport ioUring(String reason) {
    return new Transport(
        IO_URING,
        reason,
        IoUringIoHandler::newFactory,
        IoUringServerSocketChannel.class,
        IoUringSocketChannel.class);
  }

  private static Transport epoll(String reason) {
    return new Transport(
        EPOLL,
        reason,
        EpollIoHandler::newFactory,
        EpollServerSocketChannel.class,
        EpollSocketChannel.class);
  }

  private static Transport nio(String reason) {
    return new Transport(
        NIO,
        reason,
        NioIoHandler::newFactory,
        NioServerSocketChannel.class,
        NioSocketChannel.class);
  }
}
