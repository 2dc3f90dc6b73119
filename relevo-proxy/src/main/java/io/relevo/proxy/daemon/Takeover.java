package io.relevo.proxy.daemon;

import io.relevo.proxy.ListenerHandoff;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A new proxy process taking over from the running one, seamlessly: it freezes the old one's
 * routing (so the routes file it then reads is the last word), receives the old one's listening
 * sockets and accepts on them, and once it answers on the control socket tells the old one to
 * retire. Both accept on the same sockets for a moment; none is ever closed or rebound.
 */
final class Takeover {

  private static final Logger log = LoggerFactory.getLogger(Takeover.class);

  private final SocketChannel channel;
  private final BufferedReader in;
  private final Writer out;
  private List<Integer> listeners = List.of();

  private Takeover(SocketChannel channel) {
    this.channel = channel;
    this.in = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8));
    this.out = Channels.newWriter(channel, StandardCharsets.UTF_8);
  }

  /**
   * Freezes the proxy process on {@code socket}, if one answers, and receives its listening sockets
   * ({@link #listeners()}), for this process's proxy to start on; null when none answers (nothing
   * to take over: the new process binds).
   */
  static Takeover begin(Path socket) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      channel.close();
      log.info("no proxy process answers on {}; starting afresh", socket);
      return null;
    }
    Takeover takeover = new Takeover(channel);
    ControlReply frozen = takeover.send(ControlRequest.of(ControlRequest.Op.FREEZE));
    if (frozen.handoff() != null) {
      List<Integer> fds =
          ListenerHandoff.receive(Path.of(frozen.handoff()), Duration.ofSeconds(10));
      takeover.listeners = List.copyOf(fds);
      log.info(
          "taking over from proxy process {}: {} listening socket(s) received",
          frozen.process().describe(),
          fds.size());
    }
    return takeover;
  }

  /** The listening sockets the old process handed over, as file descriptors of this process. */
  List<Integer> listeners() {
    return listeners;
  }

  /** Tells the old process to stop accepting, let its connections finish and exit. */
  void retireOld() throws IOException {
    send(ControlRequest.of(ControlRequest.Op.RETIRE));
    channel.close();
    log.info("the old proxy process retires: it drains its connections and exits");
  }

  private ControlReply send(ControlRequest request) throws IOException {
    out.write(ProxyJson.MAPPER.writeValueAsString(request));
    out.write('\n');
    out.flush();
    String reply = in.readLine();
    if (reply == null) {
      throw new IOException("the old proxy process closed the connection at " + request.op());
    }
    return ProxyJson.MAPPER.readValue(reply, ControlReply.class).orThrow();
  }
}
