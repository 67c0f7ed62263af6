/**
 * What each audit-log event counts, shared by every metrics collector: the flows log every
 * outcome already, so counting them here counts exactly what the log says happened. Label
 * values come from small fixed sets only: no address, client, token or path parameter.
 */
import type { LogRecord } from "../core/ports.js";

export type Counter = "links" | "logins" | "signups" | "failures" | "refusals" | "mails" | "webhooks";

export interface Count {
  counter: Counter;
  labels: Record<string, string>;
  by: number;
}

const word = (value: unknown, fallback: string) => (typeof value === "string" && /^[a-z_]{1,32}$/.test(value) ? value : fallback);
const one = (counter: Counter, labels: Record<string, string>, by = 1): Count[] => [{ counter, labels, by }];

export function countsOf(record: LogRecord): Count[] {
  switch (record.event) {
    case "link.requested":
      return one("links", { outcome: word(record.kind, "unknown") });
    case "rate_limit.hit":
      return [...one("links", { outcome: "rate_limited" }), ...one("refusals", { limit: "link_request" })];
    case "honeypot.hit":
      return one("links", { outcome: "honeypot" });
    case "login.succeeded":
      return one("logins", { method: word(record.by, "link") });
    case "signup.succeeded":
      return one("signups", { method: word(record.by, "link") });
    case "login.failed":
    case "signup.failed":
    case "code.failed":
    case "login.approval_failed": {
      const step = record.event === "code.failed" ? "code" : record.event === "login.approval_failed" ? "approval" : record.event.split(".")[0]!;
      const failure = one("failures", { step, reason: word(record.reason, "other") });
      return record.reason === "guesses_exceeded" || record.reason === "locked" ? [...one("refusals", { limit: "guesses" }), ...failure] : failure;
    }
    case "link.sent":
      return one("mails", { outcome: "sent" });
    case "mail.bounced":
      return one("mails", { outcome: "bounced" });
    case "mail.dropped":
      return one("mails", { outcome: "dropped" }, typeof record.count === "number" ? record.count : 1);
    case "mail.failed":
      // One per mail attempt (with its kind); a failed pass over the outbox is a log line only.
      return record.kind !== undefined ? one("mails", { outcome: "failed" }) : [];
    case "webhook.delivered":
      return one("webhooks", { outcome: "delivered" });
    case "webhook.failed":
      return one("webhooks", { outcome: "failed" });
    case "webhook.dropped":
      return one("webhooks", { outcome: "dropped" });
    default:
      return [];
  }
}
