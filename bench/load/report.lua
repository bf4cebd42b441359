-- wrk report: one `<figure>: <number>` line per figure, prefixed by the endpoint's label (LABEL in the environment).
done = function(summary, latency, requests)
  local label = os.getenv("LABEL") or "load"
  local seconds = summary.duration / 1e6
  local non2xx = summary.errors.status
  local failed = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("%s requests/s: %.1f\n", label, summary.requests / seconds))
  io.write(string.format("%s p50 ms: %.2f\n", label, latency:percentile(50) / 1000))
  io.write(string.format("%s p99 ms: %.2f\n", label, latency:percentile(99) / 1000))
  io.write(string.format("%s non-2xx: %d\n", label, non2xx + failed))
end
