package io.relevo.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.relevo.core.runtime.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * A revision for tests: a JDK HTTP server on 127.0.0.1 that answers by path.
 *
 * <ul>
 *   <li>{@code /} — 200 "revision N"
 *   <li>{@code /headers} — the request headers, one "name: value" line each, names lower-cased
 *   <li>{@code /sleep?ms=N} — waits N ms, then 200 "revision N"
 *   <li>{@code /late-body?ms=N} — sends 200 and its headers at once, the body "revision N" N ms
 *       later
 *   <li>{@code /status?code=N} — answers status N
 *   <li>{@code /upload} — reads the body, answers "length crc32"
 *   <li>{@code /download?bytes=N} — streams N bytes of {@link #patternByte}; after the first MiB it
 *       waits (up to 10 s) for {@link #releaseDownload()}
 * </ul>
 *
 * Every response carries X-Revision. Connections are counted by the client ports they come from.
 */
final class TestBackend implements AutoCloseable {

  static final int MIB = 1024 * 1024;

  private final int revision;
  private final HttpServer server;
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch downloadGate = new CountDownLatch(1);
  private volatile boolean downloadWaitedForRelease;

  private TestBackend(int revision) throws IOException {
    this.revision = revision;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  static TestBackend start(int revision) {
    try {
      return new TestBackend(revision);
    } catch (IOException e) {
      throw new IllegalStateException(
          "test backend for revision " + revision + " did not start", e);
    }
  }

  static byte patternByte(long index) {
    return (byte) (index * 31 + (index >>> 11));
  }

  Endpoint endpoint() {
    return new Endpoint("127.0.0.1", server.getAddress().getPort());
  }

  int connections() {
    return clientPorts.size();
  }

  int requests() {
    return requests.get();
  }

  void releaseDownload() {
    downloadGate.countDown();
  }

  /** Whether a download's second part was sent because the test released it, not by timeout. */
  boolean downloadWaitedForRelease() {
    return downloadWaitedForRelease;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      clientPorts.add(exchange.getRemoteAddress().getPort());
      exchange.getResponseHeaders().set("X-Revision", String.valueOf(revision));
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      switch (exchange.getRequestURI().getPath()) {
        case "/headers" -> {
          Map<String, List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
          sorted.putAll(exchange.getRequestHeaders());
          StringBuilder body = new StringBuilder();
          sorted.forEach(
              (name, values) ->
                  values.forEach(
                      v -> body.append(name.toLowerCase()).append(": ").append(v).append('\n')));
          // Hop-by-hop headers on the way back, for the proxy to strip.
          exchange.getResponseHeaders().set("Keep-Alive", "timeout=5");
          exchange.getResponseHeaders().set("X-Secret-Hop", "x");
          exchange.getResponseHeaders().set("Connection", "X-Secret-Hop");
          send(exchange, 200, body.toString());
        }
        case "/sleep" -> {
          sleep(Long.parseLong(query.getOrDefault("ms", "0")));
          send(exchange, 200, "revision " + revision);
        }
        case "/late-body" -> {
          byte[] body = ("revision " + revision).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().flush();
          sleep(Long.parseLong(query.getOrDefault("ms", "0")));
          exchange.getResponseBody().write(body);
        }
        case "/status" -> send(exchange, Integer.parseInt(query.get("code")), "status");
        case "/upload" -> {
          CRC32 crc = new CRC32();
          long length = 0;
          byte[] buffer = new byte[64 * 1024];
          InputStream in = exchange.getRequestBody();
          for (int n; (n = in.read(buffer)) > 0; ) {
            crc.update(buffer, 0, n);
            length += n;
          }
          send(exchange, 200, length + " " + crc.getValue());
        }
        case "/download" -> download(exchange, Long.parseLong(query.get("bytes")));
        default -> send(exchange, 200, "revision " + revision);
      }
    }
  }

  private void download(HttpExchange exchange, long bytes) throws IOException {
    exchange.sendResponseHeaders(200, 0);
    byte[] buffer = new byte[64 * 1024];
    try (OutputStream out = exchange.getResponseBody()) {
      long sent = 0;
      boolean gated = false;
      while (sent < bytes) {
        if (!gated && sent >= MIB) {
          out.flush();
          gated = true;
          try {
            downloadWaitedForRelease = downloadGate.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        int n = (int) Math.min(buffer.length, bytes - sent);
        for (int i = 0; i < n; i++) {
          buffer[i] = patternByte(sent + i);
        }
        out.write(buffer, 0, n);
        sent += n;
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getRequestBody().readAllBytes();
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new TreeMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
      }
    }
    return params;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
