/**
 * Webhooks, signed as Standard Webhooks specifies (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`), so a receiver can
 * check them with that project's libraries. Delivered like the mail outbox: a delivery is
 * leased before it is sent, so two instances never both send it; a failure is tried again
 * with a growing delay until it is older than the give-up age. At least once: a receiver
 * that answered 2xx after the lease ran out may get the same `webhook-id` again.
 */
import type { CoreConfig } from "../config.js";
import type { AccountEvent, QueuedWebhook, WebhookSettlement } from "../ports.js";
import { retryDelay } from "../retry.js";
import { generateId } from "../token.js";
import { trackInFlight } from "../in-flight.js";

/** Deliveries claimed per round trip, sent at once; each must finish within its lease. */
const CLAIM_BATCH = 16;

export interface WebhookCounts {
  delivered: number;
  retrying: number;
  dropped: number;
}

/** The body a receiver gets: the event's type, time and facts (the account, never a token). */
export function webhookBody(event: AccountEvent): string {
  const { previousEmail, ...detail } = event.detail ?? {};
  const data = { account: { id: event.accountId, email: event.email }, ...(previousEmail === undefined ? {} : { previousEmail }), ...detail };
  return JSON.stringify({ type: event.type, timestamp: new Date(event.at).toISOString(), data });
}

/** The three Standard Webhooks headers for `body`, sent as message `id` at `seconds`. */
export async function signWebhook(key: Uint8Array<ArrayBuffer>, id: string, seconds: number, body: string): Promise<Record<string, string>> {
  const hmac = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const signature = await crypto.subtle.sign("HMAC", hmac, new TextEncoder().encode(`${id}.${seconds}.${body}`));
  return { "webhook-id": id, "webhook-timestamp": String(seconds), "webhook-signature": `v1,${encodeBase64(new Uint8Array(signature))}` };
}

function encodeBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

export function createWebhooks(config: CoreConfig) {
  const { store, now, log, random } = config;
  const owner = generateId(random);
  const { track, idle } = trackInFlight();

  /** One pass over the due deliveries, until none are left (for loops, cron jobs, and after a write). */
  function deliverDue(shouldContinue: () => boolean = () => true): Promise<WebhookCounts> {
    const counts: WebhookCounts = { delivered: 0, retrying: 0, dropped: 0 };
    const settings = config.webhooks;
    if (!settings) return Promise.resolve(counts);
    const pass = (async () => {
      for (;;) {
        const at = now();
        const leaseUntil = at + settings.timeout + 5000;
        const claimed = await store.claimWebhooks({ owner, now: at, leaseUntil, limit: CLAIM_BATCH });
        if (claimed.length > 0) {
          const outcomes = await Promise.all(claimed.map(send));
          await store.settleWebhooks(owner, outcomes);
          for (const outcome of outcomes) counts[outcome.outcome === "retry" ? "retrying" : outcome.outcome] += 1;
        }
        if (claimed.length < CLAIM_BATCH || !shouldContinue()) return counts;
      }
    })().catch((error: unknown) => {
      // The database, most likely; what was claimed is freed when its lease runs out.
      log({ level: "error", event: "webhook.pass_failed", error });
      throw error;
    });
    return track(pass);
  }

  async function send(delivery: QueuedWebhook): Promise<WebhookSettlement> {
    const settings = config.webhooks!;
    const { id, attempts } = delivery;
    const body = webhookBody(delivery.event);
    const headers = await signWebhook(settings.key, delivery.event.id, Math.floor(now() / 1000), body);
    let failure: string;
    try {
      const response = await fetch(delivery.endpoint, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json", "user-agent": "Sesame-Webhooks" },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(settings.timeout),
      });
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) {
        log({ level: "info", event: "webhook.delivered", id: delivery.event.id, type: delivery.event.type, attempts });
        return { id, attempts, outcome: "delivered", at: now() };
      }
      failure = `the endpoint answered ${response.status}`;
    } catch (error) {
      failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    const at = now();
    // Doubling from the first delay, at most an hour: a receiver may be down for a while.
    const nextAttemptAt = at + retryDelay(settings.retryDelay, attempts, 3600_000, random);
    if (nextAttemptAt > delivery.createdAt + settings.giveUpAfter) {
      log({ level: "error", event: "webhook.dropped", id: delivery.event.id, type: delivery.event.type, attempts, reason: failure });
      return { id, attempts, outcome: "dropped", at, reason: `gave up: ${failure}` };
    }
    log({ level: "warn", event: "webhook.failed", id: delivery.event.id, type: delivery.event.type, attempts, reason: failure });
    return { id, attempts, outcome: "retry", at, nextAttemptAt, error: failure };
  }

  return { deliverDue, idle };
}
