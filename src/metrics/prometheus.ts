/**
 * `sesame/metrics`: what Sesame did, for a Prometheus scrape. Counted from the audit log's
 * events (counts.ts), timed per route by the HTTP face, and the outbox measured by one
 * query at scrape time.
 *
 *   const metrics = createPrometheusMetrics();
 *   const sesame = createSesame({ …, metrics, metricsToken: process.env.METRICS_TOKEN });
 *   // GET /metrics with `Authorization: Bearer <token>`, or: await sesame.metrics()
 */
import type { LogRecord } from "../core/ports.js";
import type { MetricsCollector, OutboxStats } from "../core/ports.js";
import { countsOf } from "./counts.js";
import { Family, Histogram } from "./exposition.js";

/** Seconds; from a cached session check (a millisecond) to a slow mail provider's timeout. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createPrometheusMetrics(): MetricsCollector {
  const links = new Family("sesame_link_requests_total", "counter", "Link requests by the kind of link sent, or why none was.");
  const logins = new Family("sesame_logins_total", "counter", "Logins by method (link, code, approval).");
  const signups = new Family("sesame_signups_total", "counter", "Accounts created, by method (link, code).");
  const failures = new Family("sesame_link_failures_total", "counter", "Links, codes and approvals that did not log in, by step and reason.");
  const refusals = new Family("sesame_rate_limit_refusals_total", "counter", "Requests refused by a limit: link requests, or guesses of codes and numbers.");
  const mails = new Family("sesame_mails_total", "counter", "Mails by outcome: sent, failed (to be retried), bounced, dropped.");
  const queued = new Family("sesame_outbox_queued", "gauge", "Mails waiting in the outbox.");
  const oldest = new Family("sesame_outbox_oldest_age_seconds", "gauge", "Age of the oldest mail waiting in the outbox (0 when none).");
  const inFlight = new Family("sesame_outbox_in_flight", "gauge", "Mails a deliverer holds right now.");
  const latency = new Histogram("sesame_http_request_duration_seconds", "Time to answer, by route and method.", BUCKETS);

  const webhooks = new Family("sesame_webhooks_total", "counter", "Webhook tries by outcome: delivered, failed (to be retried), dropped (given up).");
  const counters = { links, logins, signups, failures, refusals, mails, webhooks };

  return {
    log(record: LogRecord): void {
      for (const { counter, labels, by } of countsOf(record)) counters[counter].add(labels, by);
    },
    observe(route, method, seconds) {
      latency.observe({ route, method }, seconds);
    },
    render(outbox: OutboxStats, now: number): string {
      queued.set({}, outbox.queued);
      oldest.set({}, outbox.oldestCreatedAt === null ? 0 : Math.max(0, (now - outbox.oldestCreatedAt) / 1000));
      inFlight.set({}, outbox.inFlight);
      return (
        [links, logins, signups, failures, refusals, mails, webhooks, queued, oldest, inFlight, latency].map((family) => family.render()).join("\n") + "\n"
      );
    },
  };
}
export { createAnalyticsEngineMetrics, type AnalyticsEngineDataset } from "./analytics-engine.js";
