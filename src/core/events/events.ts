/**
 * Account events: made here, written by the store in the batch of the change they tell
 * of (so an event exists exactly when its change does), kept as the account's audit trail,
 * and sent to the app's webhook endpoints, each with its own delivery row.
 */
import type { CoreConfig } from "../config.js";
import type { AccountEventEntry, AccountEventType, EventDetail, EventSubject } from "../ports.js";
import { generateTimeOrderedId } from "../token.js";
import { loadOnce } from "../load-once.js";
import type { WebhookCounts } from "./webhooks.js";

export function createEvents(config: CoreConfig) {
  const endpoints = config.webhooks?.endpoints ?? [];
  // Their sending loads with the first pass where endpoints are set (a Worker without any
  // never parses it; its cron's pass answers at once, as the sender itself would).
  const loadWebhooks = loadOnce(async () => (await import("./webhooks.js")).createWebhooks(config));
  /** The sender once a pass asked for it, for idle() to wait for (the pass is then under way). */
  let sender: ReturnType<typeof loadWebhooks> | undefined;
  async function deliverWebhooks(shouldContinue?: () => boolean): Promise<WebhookCounts> {
    if (!config.webhooks) return { delivered: 0, retrying: 0, dropped: 0 };
    sender = loadWebhooks();
    let webhooks: Awaited<typeof sender>;
    try {
      webhooks = await sender;
    } catch (error) {
      config.log({ level: "error", event: "webhook.pass_failed", error });
      throw error;
    }
    return webhooks.deliverDue(shouldContinue);
  }

  /** An event for the store to write with a step; its id is also the webhook's `webhook-id`. */
  function event(type: AccountEventType, subject: EventSubject, detail: EventDetail | null = null): AccountEventEntry {
    const at = config.now();
    const id = `evt_${generateTimeOrderedId(at, config.random)}`;
    return { id, type, at, subject, detail, deliveries: endpoints.map((endpoint, i) => ({ id: `${id}.${i}`, endpoint })) };
  }

  /**
   * After a step that wrote events has committed: their webhooks' first try, after the
   * answer (`background`, a runtime's waitUntil) or awaited when there is none to hand it to.
   */
  function written(events: readonly AccountEventEntry[], background?: (work: Promise<void>) => void): Promise<void> | undefined {
    if (endpoints.length === 0 || events.length === 0) return undefined;
    const pass = deliverWebhooks().then(
      () => undefined,
      () => undefined, // logged by the pass; the rows wait for the next one
    );
    background?.(pass);
    return pass;
  }

  /** Resolves when every webhook attempt started so far is made and recorded (none before the first pass). */
  async function idle(): Promise<void> {
    await (await sender?.catch(() => undefined))?.idle();
  }

  return { event, written, deliverWebhooks, idle };
}

export type Events = ReturnType<typeof createEvents>;
