-- Prints one machine-readable line at the end of a wrk run; latencies in microseconds.
-- wrk --latency prints only p50/75/90/99; the harness also needs p99.9 and the error counts.
done = function(summary, latency, requests)
  io.write(string.format(
    "RESULT requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d " ..
    "p50=%d p99=%d p999=%d max=%d\n",
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
end
