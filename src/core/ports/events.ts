/**
 * What happened to an account, as the store keeps it: an audit trail for operators and the
 * source of webhooks. An event is written in the same batch as the change it tells of, and
 * only if that change happened: the store finds the account through `subject`.
 */
import type { MailSettlement } from "./outbox.js";
import type { SessionSelection } from "./records.js";

export type AccountEventType = "account.created" | "account.deleted" | "account.email_changed" | "session.created" | "session.revoked";

/**
 * Where the batch finds the account. `before`: read before the step's own statements (rows
 * the step removes: an ending session, an account about to go); `after`: read once the
 * step is done (a new session, the address just moved).
 */
export type EventSubject =
  | { when: "after"; session: string }
  | { when: "before"; session: string }
  | { when: "before"; sessionsOf: string; which: SessionSelection }
  | { when: "before"; account: string }
  | { when: "after"; emailChange: string; marker: string };

/** Facts an event carries beside the account: how a session began or ended, the address before a change. */
export type EventDetail = Record<string, string | number>;

export interface AccountEventEntry {
  /** Also the webhook's id (`webhook-id`): one per event, the same on every try and every endpoint. */
  id: string;
  type: AccountEventType;
  at: number;
  subject: EventSubject;
  detail: EventDetail | null;
  /** A delivery row per webhook endpoint, written with the event. */
  deliveries: readonly { id: string; endpoint: string }[];
}

/** An event as read back: for the admin API, and for a webhook's body. */
export interface AccountEvent {
  id: string;
  type: AccountEventType;
  at: number;
  accountId: string;
  email: string;
  detail: EventDetail | null;
}

/** A webhook delivery claimed under a lease, with its event. */
export interface QueuedWebhook {
  id: string;
  endpoint: string;
  event: AccountEvent;
  createdAt: number;
  attempts: number;
  leaseUntil: number;
}

/** What became of one try: the same outcomes, recorded the same way, as a mail's. */
export type WebhookSettlement = MailSettlement;
