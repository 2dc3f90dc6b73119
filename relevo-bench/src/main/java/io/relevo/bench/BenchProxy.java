package io.relevo.bench;

import io.relevo.core.config.HostPort;
import io.relevo.core.config.ProxyConfig;
import io.relevo.core.metrics.LatencyHistogram;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.runtime.Endpoint;
import io.relevo.proxy.Proxy;
import io.relevo.proxy.ProxyOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * relevo's proxy as the benchmark runs it: no agent, one app routed to one backend, in its own JVM.
 *
 * <p>Usage: {@code BenchProxy THREADS PORT BLUE_PORT [GREEN_PORT]}. It prints {@code ready PORT},
 * then obeys lines on standard input until it closes:
 *
 * <ul>
 *   <li>{@code switch N INTERVAL_MS} — N blue-green switches, one every INTERVAL_MS, each a route
 *       to the other revision then a drain of the one that left (as a rollout does); prints one
 *       {@code switched ...} line with the proxy's own view of the latency around the switches.
 *   <li>{@code scrape INTERVAL_MS} — from now on renders the agent's {@code /metrics} page (the
 *       same collectors, reading this proxy) every INTERVAL_MS on a thread of its own, as a
 *       Prometheus scraping the agent would cost; {@code scrape 0} stops. Prints {@code scraping
 *       BYTES} (or {@code scraping stopped}).
 *   <li>{@code latency} — prints one {@code latency ...} line: the proxy's own p50/p99/p99.9 of the
 *       requests answered since the last {@code latency} (from the request's headers to the
 *       response's last byte), to tell a tail inside the proxy from one outside it.
 * </ul>
 */
public final class BenchProxy {

  static final String APP = "bench";

  /** After a switch, how long counts as "around the switch" for the proxy-side latency. */
  private static final Duration AROUND = Duration.ofMillis(20);

  private BenchProxy() {}

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    int port = Integer.parseInt(args[1]);
    Endpoint blue = new Endpoint("127.0.0.1", Integer.parseInt(args[2]));
    Endpoint green = args.length > 3 ? new Endpoint("127.0.0.1", Integer.parseInt(args[3])) : null;
    try (Proxy proxy = Proxy.start(new ProxyOptions(threads))) {
      proxy.route(APP, TrafficSplit.all(1, blue));
      proxy.open(APP, new HostPort("127.0.0.1", port), ProxyConfig.defaults());
      System.out.println("ready " + proxy.boundPort(APP) + " " + proxy.transport());
      System.out.flush();
      BenchScrapes scrapes = null; // made on the first scrape: the proxy process has no /metrics
      long[] seen = both(proxy);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        String[] words = line.trim().split("\\s+");
        if (words[0].equals("scrape")) {
          scrapes = scrapes == null ? new BenchScrapes(proxy, APP) : scrapes;
          System.out.println(scrapes.every(Long.parseLong(words[1])));
          System.out.flush();
        }
        if (words[0].equals("latency")) {
          long[] now = both(proxy);
          System.out.println(latency(now, seen));
          System.out.flush();
          seen = now;
        }
        if (words[0].equals("switch") && green != null) {
          System.out.println(
              switches(
                  proxy,
                  blue,
                  green,
                  Integer.parseInt(words[1]),
                  Duration.ofMillis(Long.parseLong(words[2]))));
          System.out.flush();
        }
      }
    }
  }

  /**
   * Switches back and forth; the proxy's time-to-first-byte of requests answered within {@link
   * #AROUND} after each switch is compared with that of the rest of the time.
   */
  private static String switches(
      Proxy proxy, Endpoint blue, Endpoint green, int count, Duration every) {
    long[] around = new long[LatencyHistogram.standardBoundsMicros().length];
    long[] between = new long[around.length];
    long slowestSwitchNanos = 0;
    long start = System.nanoTime();
    long[] before = both(proxy);
    for (int i = 1; i <= count; i++) {
      long at = start + i * every.toNanos();
      sleepUntil(at);
      long[] idle = both(proxy);
      add(between, idle, before);
      boolean toGreen = i % 2 == 1;
      long t0 = System.nanoTime();
      proxy.route(APP, TrafficSplit.all(toGreen ? 2 : 1, toGreen ? green : blue));
      proxy.drain(APP, toGreen ? 1 : 2, Duration.ofSeconds(2));
      slowestSwitchNanos = Math.max(slowestSwitchNanos, System.nanoTime() - t0);
      sleepUntil(t0 + AROUND.toNanos());
      before = both(proxy);
      add(around, before, idle);
    }
    LatencyHistogram a = new LatencyHistogram(LatencyHistogram.standardBoundsMicros(), around);
    LatencyHistogram b = new LatencyHistogram(LatencyHistogram.standardBoundsMicros(), between);
    return String.format(
        "switched n=%d slowest_switch_us=%d around_requests=%d around_p99_us=%.0f around_p999_us=%.0f"
            + " between_requests=%d between_p99_us=%.0f between_p999_us=%.0f",
        count,
        slowestSwitchNanos / 1_000,
        a.totalCount(),
        a.quantileMicros(0.99),
        a.quantileMicros(0.999),
        b.totalCount(),
        b.quantileMicros(0.99),
        b.quantileMicros(0.999));
  }

  /** The proxy's own view of the requests answered between two snapshots of its counts. */
  private static String latency(long[] now, long[] before) {
    long[] counts = new long[now.length];
    add(counts, now, before);
    LatencyHistogram h = new LatencyHistogram(LatencyHistogram.standardBoundsMicros(), counts);
    return String.format(
        "latency requests=%d p50_us=%.0f p99_us=%.0f p999_us=%.0f",
        h.totalCount(), h.quantileMicros(0.5), h.quantileMicros(0.99), h.quantileMicros(0.999));
  }

  private static long[] both(Proxy proxy) {
    long[] sum = proxy.snapshot(APP, 1).histogram().counts();
    long[] other = proxy.snapshot(APP, 2).histogram().counts();
    for (int i = 0; i < sum.length; i++) {
      sum[i] += other[i];
    }
    return sum;
  }

  private static void add(long[] into, long[] later, long[] earlier) {
    for (int i = 0; i < into.length; i++) {
      into[i] += later[i] - earlier[i];
    }
  }

  private static void sleepUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      try {
        Thread.sleep(Duration.ofNanos(left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
