package io.relevo.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The front door under abuse, measured on the proxy's own JVM ({@link BenchProxy}, default
 * settings, in a child process): its resident memory while 1 GiB goes up and 1 GiB comes down
 * through it, and a normal client's latency while 500 slowloris connections dribble header bytes.
 *
 * <p>Usage: {@code FrontDoorAbuse [GIB] [SLOW_CONNECTIONS]}; defaults 1 and 500. Prints one line
 * per measurement. Run it with {@code bench/front-door}.
 */
public final class FrontDoorAbuse {

  private static final int CHUNK = 64 * 1024;

  private FrontDoorAbuse() {}

  public static void main(String[] args) throws Exception {
    long bytes = (long) (args.length > 0 ? Double.parseDouble(args[0]) : 1) * (1L << 30);
    int slow = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    HttpServer backend = backend();
    Process proxy =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                BenchProxy.class.getName(),
                "2",
                "0",
                Integer.toString(backend.getAddress().getPort()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader ready =
          new BufferedReader(new InputStreamReader(proxy.getInputStream(), StandardCharsets.UTF_8));
      int port = Integer.parseInt(ready.readLine().split(" ")[1]);
      long pid = proxy.pid();
      System.out.printf("proxy JVM pid %d, RSS at start %d MiB%n", pid, rssMiB(pid));
      measured("upload", pid, bytes, () -> upload(port, bytes));
      measured("download", pid, bytes, () -> download(port, bytes));
      slowloris(port, slow);
    } finally {
      proxy.getOutputStream().close();
      proxy.destroy();
      backend.stop(0);
    }
  }

  interface Transfer {
    long run() throws IOException;
  }

  /** Runs a transfer while sampling the proxy's RSS every 100 ms. */
  private static void measured(String what, long pid, long bytes, Transfer transfer)
      throws Exception {
    long before = rssMiB(pid);
    AtomicLong max = new AtomicLong(before);
    AtomicBoolean done = new AtomicBoolean();
    Thread sampler =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (!done.get()) {
                    max.accumulateAndGet(rssMiB(pid), Math::max);
                    sleep(100);
                  }
                });
    long start = System.nanoTime();
    long moved = transfer.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    done.set(true);
    sampler.join();
    System.out.printf(
        "%s of %d MiB: %s, %.1f s (%.0f MiB/s); proxy RSS before %d MiB, max during %d MiB, after"
            + " %d MiB%n",
        what,
        bytes >> 20,
        moved == bytes ? "all bytes arrived" : "ONLY " + moved + " BYTES ARRIVED",
        seconds,
        (bytes >> 20) / seconds,
        before,
        max.get(),
        rssMiB(pid));
  }

  private static long upload(int port, long bytes) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /up HTTP/1.1\r\nHost: bench\r\nContent-Length: " + bytes + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[CHUNK];
      Arrays.fill(chunk, (byte) 'u');
      for (long sent = 0; sent < bytes; sent += CHUNK) {
        out.write(chunk, 0, (int) Math.min(CHUNK, bytes - sent));
      }
      out.flush();
      String answer =
          new String(socket.getInputStream().readNBytes(4096), StandardCharsets.US_ASCII);
      return Long.parseLong(answer.substring(answer.indexOf("\r\n\r\n") + 4).trim());
    }
  }

  private static long download(int port, long bytes) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket
          .getOutputStream()
          .write(
              ("GET /down?" + bytes + " HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), CHUNK);
      int matched = 0; // of the \r\n\r\n that ends the headers
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          return 0;
        }
        matched =
            (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
      }
      byte[] buffer = new byte[CHUNK];
      long total = 0;
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
      }
      return total;
    }
  }

  /**
   * A normal client's latency for 10 s alone, then for 15 s while {@code slow} connections each
   * send one header byte a second; then how many of those the proxy closed.
   */
  private static void slowloris(int port, int slow) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build();
    for (int i = 0; i < 200; i++) {
      client.send(request, HttpResponse.BodyHandlers.discarding()); // warm up
    }
    System.out.println("normal client alone:          " + latencies(client, request, 10));
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < slow; i++) {
      Socket socket = new Socket("127.0.0.1", port);
      socket
          .getOutputStream()
          .write("GET / HTTP/1.1\r\nHost: slow\r\n".getBytes(StandardCharsets.US_ASCII));
      sockets.add(socket);
    }
    long opened = System.nanoTime();
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong closedAt = new AtomicLong();
    Thread dribbler =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (!done.get()) {
                    int open = 0;
                    for (Socket socket : sockets) {
                      try {
                        socket.getOutputStream().write('X');
                        open++;
                      } catch (IOException e) {
                        // closed by the proxy
                      }
                    }
                    if (open == 0 && closedAt.get() == 0) {
                      closedAt.set(System.nanoTime());
                    }
                    sleep(1000);
                  }
                });
    System.out.println(
        "normal client with " + slow + " slowloris: " + latencies(client, request, 15));
    done.set(true);
    dribbler.join();
    int closed = 0;
    for (Socket socket : sockets) {
      socket.setSoTimeout(100);
      try {
        if (socket.getInputStream().read() < 0) {
          closed++;
        }
      } catch (IOException e) {
        closed++; // reset or timeout; a timeout means still open
        if (e instanceof java.net.SocketTimeoutException) {
          closed--;
        }
      }
      socket.close();
    }
    System.out.printf(
        "slowloris connections closed by the proxy: %d of %d%s%n",
        closed,
        slow,
        closedAt.get() == 0
            ? ""
            : String.format(", all within %.1f s", (closedAt.get() - opened) / 1e9));
  }

  private static String latencies(HttpClient client, HttpRequest request, int seconds)
      throws Exception {
    List<Long> micros = new ArrayList<>();
    int failed = 0;
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      long start = System.nanoTime();
      try {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        failed += response.statusCode() == 200 ? 0 : 1;
      } catch (IOException e) {
        failed++;
      }
      micros.add((System.nanoTime() - start) / 1_000);
    }
    micros.sort(null);
    return String.format(
        "%d requests, %d failed, p50 %.2f ms, p99 %.2f ms, max %.2f ms",
        micros.size(),
        failed,
        micros.get(micros.size() / 2) / 1000.0,
        micros.get((int) (micros.size() * 0.99)) / 1000.0,
        micros.get(micros.size() - 1) / 1000.0);
  }

  private static HttpServer backend() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/up",
        exchange -> {
          long total = 0;
          byte[] buffer = new byte[CHUNK];
          try (InputStream in = exchange.getRequestBody()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
              total += n;
            }
          }
          byte[] answer = Long.toString(total).getBytes(StandardCharsets.US_ASCII);
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.createContext(
        "/down",
        exchange -> {
          long bytes = Long.parseLong(exchange.getRequestURI().getQuery());
          exchange.sendResponseHeaders(200, bytes);
          byte[] chunk = new byte[CHUNK];
          Arrays.fill(chunk, (byte) 'd');
          try (OutputStream out = exchange.getResponseBody()) {
            for (long sent = 0; sent < bytes; sent += CHUNK) {
              out.write(chunk, 0, (int) Math.min(CHUNK, bytes - sent));
            }
          }
        });
    server.createContext(
        "/",
        exchange -> {
          byte[] answer = "ok".getBytes(StandardCharsets.US_ASCII);
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    return server;
  }

  private static long rssMiB(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
