package io.relevo.bench;

import io.relevo.core.engine.AppStatus;
import io.relevo.core.routing.TrafficSplit;
import io.relevo.core.store.Revision;
import io.relevo.observe.AgentMetrics;
import io.relevo.observe.BackupAge;
import io.relevo.proxy.Proxy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Renders the agent's {@code /metrics} page from the bench proxy's counters on a schedule: the
 * collectors the agent registers, reading this proxy as its router and metrics source, in the
 * proxy's JVM as in the agent's. What it costs the proxy's requests is what ScrapeCost measures.
 */
final class BenchScrapes {

  private final AgentMetrics metrics;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("bench-scrape").unstarted(r));
  private ScheduledFuture<?> running;
  private volatile int lastBytes;
  private final AtomicLong scrapes = new AtomicLong();
  private final AtomicLong cpuNanos = new AtomicLong();

  BenchScrapes(Proxy proxy, String app) {
    this.metrics =
        AgentMetrics.create(() -> List.of(status(proxy, app)), proxy, proxy, BackupAge.none());
  }

  /**
   * Scrapes every {@code millis} from now on; says {@code scraping BYTES}. 0 stops and says {@code
   * scraping stopped N CPU_MICROS}: the scrapes since the start and their mean CPU time each.
   */
  synchronized String every(long millis) {
    if (running != null) {
      running.cancel(false);
      running = null;
    }
    if (millis <= 0) {
      long n = scrapes.getAndSet(0);
      long cpu = cpuNanos.getAndSet(0);
      return "scraping stopped " + n + " " + (n == 0 ? 0 : cpu / n / 1000);
    }
    lastBytes = metrics.scrape("text/plain").body().length;
    running = scheduler.scheduleAtFixedRate(this::scrape, millis, millis, TimeUnit.MILLISECONDS);
    return "scraping " + lastBytes;
  }

  /** One scrape, with the CPU time it took on this thread. */
  private void scrape() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadCpuTime();
    lastBytes = metrics.scrape("text/plain").body().length;
    cpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - before);
    scrapes.incrementAndGet();
  }

  private static AppStatus status(Proxy proxy, String app) {
    TrafficSplit split = proxy.current(app);
    List<Revision> running =
        split.backends().stream()
            .map(
                b ->
                    new Revision(
                        app,
                        b.revision(),
                        "v" + b.revision(),
                        "",
                        "",
                        "",
                        Revision.State.SERVING,
                        null,
                        Instant.EPOCH,
                        null,
                        null))
            .toList();
    return new AppStatus(
        app, "bench", "", running.isEmpty() ? null : running.get(0), running, split, null, null);
  }
}
