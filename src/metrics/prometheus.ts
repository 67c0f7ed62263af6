/**
 * `sesame/metrics`: what Sesame did, for a Prometheus scrape. Counted from the audit log's
 * events (the flows log every outcome already; nothing else in them changes), timed per
 * route by the HTTP face, and the outbox measured by one query at scrape time. Labels take
 * values from small fixed sets only: no address, client, token or path parameter.
 *
 *   const metrics = createPrometheusMetrics();
 *   const sesame = createSesame({ …, metrics, metricsToken: process.env.METRICS_TOKEN });
 *   // GET /metrics with `Authorization: Bearer <token>`, or: await sesame.metrics()
 */
import type { LogRecord } from "../core/ports.js";
import type { MetricsCollector, OutboxStats } from "../core/ports.js";
import { Family, Histogram } from "./exposition.js";

/** Seconds; from a cached session check (a millisecond) to a slow mail provider's timeout. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const str = (value: unknown, fallback: string) => (typeof value === "string" && /^[a-z_]{1,32}$/.test(value) ? value : fallback);

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

  function log(record: LogRecord): void {
    switch (record.event) {
      case "link.requested":
        return links.add({ outcome: str(record.kind, "unknown") });
      case "rate_limit.hit":
        links.add({ outcome: "rate_limited" });
        return refusals.add({ limit: "link_request" });
      case "honeypot.hit":
        return links.add({ outcome: "honeypot" });
      case "login.succeeded":
        return logins.add({ method: str(record.by, "link") });
      case "signup.succeeded":
        return signups.add({ method: str(record.by, "link") });
      case "login.failed":
      case "signup.failed":
      case "code.failed":
      case "login.approval_failed": {
        const step = record.event === "code.failed" ? "code" : record.event === "login.approval_failed" ? "approval" : record.event.split(".")[0]!;
        if (record.reason === "guesses_exceeded" || record.reason === "locked") refusals.add({ limit: "guesses" });
        return failures.add({ step, reason: str(record.reason, "other") });
      }
      case "link.sent":
        return mails.add({ outcome: "sent" });
      case "mail.bounced":
        return mails.add({ outcome: "bounced" });
      case "mail.dropped":
        return mails.add({ outcome: "dropped" }, typeof record.count === "number" ? record.count : 1);
      case "mail.failed":
        // One per mail attempt (with its kind); a failed pass over the outbox is a log line only.
        if (record.kind !== undefined) mails.add({ outcome: "failed" });
        return;
    }
  }

  return {
    log,
    observe(route, method, seconds) {
      latency.observe({ route, method }, seconds);
    },
    render(outbox: OutboxStats, now: number): string {
      queued.set({}, outbox.queued);
      oldest.set({}, outbox.oldestCreatedAt === null ? 0 : Math.max(0, (now - outbox.oldestCreatedAt) / 1000));
      inFlight.set({}, outbox.inFlight);
      return [links, logins, signups, failures, refusals, mails, queued, oldest, inFlight, latency].map((family) => family.render()).join("\n") + "\n";
    },
  };
}
