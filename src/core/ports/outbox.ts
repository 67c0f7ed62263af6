/** The mail outbox as the store keeps it: rows queued with their link, claimed, settled. */
import type { MailKind } from "./mail.js";

/**
 * A link's mail, written to the outbox in the same step as its token. `sealed` holds
 * the token (and code) encrypted: the database never holds a usable link. The writer
 * holds the lease, so it may send at once without claiming first.
 */
export interface OutboxEntry {
  id: string;
  sealed: string;
  leaseOwner: string;
  leaseUntil: number;
  /** When to try again should the first attempt fail and nobody record it. */
  nextAttemptAt: number;
}

/** A login notice, queued in the same step as the login it tells of (S26). */
export interface NoticeEntry extends OutboxEntry {
  /** A notice not sent by then is dropped. */
  expiresAt: number;
}

/** A mail claimed for delivery: its kind and recipient come from the token row the store chose. */
export interface QueuedMail {
  id: string;
  kind: MailKind;
  to: string;
  sealed: string;
  /** The link's expiry: a mail still queued then is dropped, never sent late. */
  expiresAt: number;
  /** Attempts so far, this one included. */
  attempts: number;
  /** When this try's lease runs out: past it, another deliverer may take the mail. */
  leaseUntil: number;
}

/**
 * What became of a claimed mail, recorded only while the deliverer still holds its lease.
 * The outcome of one try. `attempts` names the claim it settles (each claim counts one
 * more): a try that outlived its lease, and was claimed again since, records nothing.
 */
export type MailSettlement =
  | { id: string; attempts: number; outcome: "delivered"; at: number }
  | { id: string; attempts: number; outcome: "retry"; at: number; nextAttemptAt: number; error: string }
  | { id: string; attempts: number; outcome: "dropped"; at: number; reason: string };
