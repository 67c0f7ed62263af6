/**
 * Workers Analytics Engine: the numbers `/metrics` gives a Prometheus scrape, written as
 * data points to a dataset binding (`SESAME_ANALYTICS`), where a Worker has no process to
 * scrape. One data point per event counted (counts.ts) and per answer timed; the outbox's
 * state once per cron run. Each point's index is the metric's name, its blobs the label
 * values in the order listed below, and its first double the amount (or seconds):
 *
 *   sesame_link_requests_total      outcome               1
 *   sesame_logins_total             method                1
 *   sesame_signups_total            method                1
 *   sesame_link_failures_total      step, reason          1
 *   sesame_rate_limit_refusals_total limit                1
 *   sesame_mails_total              outcome               n
 *   sesame_http_request_duration_seconds route, method    seconds
 *   sesame_outbox                   (none)                queued, oldest age in seconds, in flight
 *
 * For example, logins per method over the last day, from the SQL API:
 *   SELECT blob1 AS method, SUM(_sample_interval * double1) AS logins FROM sesame
 *   WHERE index1 = 'sesame_logins_total' AND timestamp > NOW() - INTERVAL '1' DAY GROUP BY method
 */
import type { LogRecord, MetricsCollector, OutboxStats } from "../core/ports.js";
import { countsOf, type Counter } from "./counts.js";

/** The binding's one method, as Cloudflare documents it. */
export interface AnalyticsEngineDataset {
  writeDataPoint(point: { indexes?: string[]; blobs?: string[]; doubles?: number[] }): void;
}

const METRIC: Record<Counter, string> = {
  links: "sesame_link_requests_total",
  logins: "sesame_logins_total",
  signups: "sesame_signups_total",
  failures: "sesame_link_failures_total",
  refusals: "sesame_rate_limit_refusals_total",
  mails: "sesame_mails_total",
  webhooks: "sesame_webhooks_total",
};

export function createAnalyticsEngineMetrics(dataset: AnalyticsEngineDataset): MetricsCollector {
  // A point the platform refuses must not fail the request it describes.
  const write = (point: Parameters<AnalyticsEngineDataset["writeDataPoint"]>[0]) => {
    try {
      dataset.writeDataPoint(point);
    } catch {
      // Dropped: counting is best effort here, as the platform's own sampling is.
    }
  };
  return {
    log(record: LogRecord): void {
      for (const { counter, labels, by } of countsOf(record)) {
        write({ indexes: [METRIC[counter]], blobs: Object.values(labels), doubles: [by] });
      }
    },
    observe(route, method, seconds) {
      write({ indexes: ["sesame_http_request_duration_seconds"], blobs: [route, method], doubles: [seconds] });
    },
    /** Writes the outbox's state as a data point; there is no text to serve. */
    render(outbox: OutboxStats, now: number): string {
      const oldest = outbox.oldestCreatedAt === null ? 0 : Math.max(0, (now - outbox.oldestCreatedAt) / 1000);
      write({ indexes: ["sesame_outbox"], doubles: [outbox.queued, oldest, outbox.inFlight] });
      return "";
    },
  };
}
