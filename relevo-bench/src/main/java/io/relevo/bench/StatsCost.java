package io.relevo.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpServer;
import io.relevo.proxy.daemon.ControlReply;
import io.relevo.proxy.daemon.ProxyDaemon;
import io.relevo.proxy.daemon.ProxyJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code STATS} round trip costs the agent, the way main made it (a new connection per
 * call, every histogram with its 82 bounds) and the way it is made now (a kept connection, the
 * histograms' non-empty buckets only): CPU time and bytes allocated on the calling thread, and the
 * answer's size, against a real proxy process with one app whose two revisions have answered
 * requests. The agent makes one such call per app per second.
 *
 * <p>Run: {@code java -cp relevo-bench/target/relevo-bench.jar io.relevo.bench.StatsCost [CALLS]}.
 */
public final class StatsCost {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private StatsCost() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    Path state = Files.createTempDirectory("statscost");
    HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    backend.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, 2);
          exchange.getResponseBody().write("ok".getBytes(StandardCharsets.US_ASCII));
          exchange.close();
        });
    backend.start();
    Process proxy = startProxy(state);
    try {
      Path socket = state.resolve("proxy.sock");
      for (int i = 0; i < 300 && !Files.exists(socket); i++) {
        Thread.sleep(50);
      }
      int port = backend.getAddress().getPort();
      try (Kept control = new Kept(socket)) {
        String opened =
            control.call(
                "{\"op\":\"OPEN\",\"app\":\"shop\",\"listen\":{\"host\":\"127.0.0.1\",\"port\":0}}");
        int door = JSON.readValue(opened, ControlReply.class).port();
        control.call(
            "{\"op\":\"ROUTE\",\"app\":\"shop\",\"split\":{\"sticky\":false,\"backends\":["
                + "{\"revision\":1,\"endpoint\":{\"host\":\"127.0.0.1\",\"port\":"
                + port
                + "},\"weight\":90},{\"revision\":2,\"endpoint\":{\"host\":\"127.0.0.1\",\"port\":"
                + port
                + "},\"weight\":10}]}}");
        traffic(door, 2000);
        String full = "{\"op\":\"STATS\",\"app\":\"shop\"}";
        String compact = "{\"op\":\"STATS\",\"app\":\"shop\",\"compactStats\":true}";
        System.out.println("calls per form: " + calls);
        measure("main: a connection per call, full histograms", calls, () -> once(socket, full));
        measure(
            "now: a kept connection, non-empty buckets only", calls, () -> control.call(compact));
        measure("main: a connection per call, full histograms", calls, () -> once(socket, full));
        measure(
            "now: a kept connection, non-empty buckets only", calls, () -> control.call(compact));
      }
    } finally {
      proxy.destroy();
      backend.stop(0);
    }
  }

  private static Process startProxy(Path state) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ProxyJvm.OPTIONS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.addAll(List.of(ProxyDaemon.class.getName(), state.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(state.resolve("proxy.log").toFile());
    builder.environment().putAll(ProxyJvm.ENVIRONMENT);
    return builder.start();
  }

  private static void traffic(int door, int requests) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + door + "/")).build();
    for (int i = 0; i < requests; i++) {
      client.send(get, HttpResponse.BodyHandlers.discarding());
    }
  }

  private interface Call {
    String run() throws IOException;
  }

  private static void measure(String name, int calls, Call call) throws IOException {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < calls / 2; i++) {
      read(call.run()); // warm-up
    }
    long cpu = threads.getCurrentThreadCpuTime();
    long allocated = threads.getCurrentThreadAllocatedBytes();
    long start = System.nanoTime();
    long bytes = 0;
    int revisions = 0;
    for (int i = 0; i < calls; i++) {
      String reply = call.run();
      bytes += reply.length();
      revisions = read(reply);
    }
    System.out.printf(
        "%-48s %6.1f µs CPU/call  %7d bytes allocated/call  %5d bytes/answer  %5.1f µs wall/call"
            + "  (%d revisions)%n",
        name,
        (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / calls,
        (threads.getCurrentThreadAllocatedBytes() - allocated) / calls,
        bytes / calls,
        (System.nanoTime() - start) / 1000.0 / calls,
        revisions);
  }

  /** What the agent does with an answer: every revision's counters. */
  private static int read(String reply) throws IOException {
    return JSON.readValue(reply, ControlReply.class).allStats().size();
  }

  private static String once(Path socket, String line) throws IOException {
    try (Kept connection = new Kept(socket)) {
      return connection.call(line);
    }
  }

  /** One connection to the control socket. */
  private static final class Kept implements AutoCloseable {
    private final SocketChannel channel;
    private final Writer out;
    private final BufferedReader in;

    Kept(Path socket) throws IOException {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(socket));
      out = Channels.newWriter(channel, StandardCharsets.UTF_8);
      in = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8));
    }

    String call(String line) throws IOException {
      out.write(line);
      out.write('\n');
      out.flush();
      return in.readLine();
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
