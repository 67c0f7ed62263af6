/**
 * The mail outbox: every link's mail is stored with its token (one step, see
 * Store.createLinkToken) and sent afterwards, so a person told "we sent you a link"
 * gets it even if the mail service was down for a while.
 *
 * - The request's own instance holds the new mail's lease and tries it at once, after
 *   the answer (Node: in the background; Workers: waitUntil).
 * - A failed try stays queued with a growing delay; `deliverQueued` (the serve loop,
 *   `sesame deliver`, the Worker's cron) claims due mails under a lease and sends them.
 * - A mail whose link has expired is dropped, never sent late.
 * - A mail is sent only by the holder of its lease, so two deliverers never both send it.
 *   (If a process dies after the mail service accepted a message but before that was
 *   recorded, the message goes again when the lease runs out: at least once, there.)
 */
import { pagesBase, type CoreConfig } from "../config.js";
import { maskAddressesIn, maskEmail } from "../email.js";
import type { LinkKind, MailKind, MailSettlement, NoticeEntry, OutboxEntry, QueuedMail, RenderedMail } from "../ports.js";
import { SesameError } from "../errors.js";
import { createSealer } from "./seal.js";

import { generateId, generateTimeOrderedId } from "../token.js";
import { retryDelay } from "../retry.js";
import { trackInFlight } from "../in-flight.js";

/** What a sealed outbox row holds for a link: enough to rebuild the link and the code, nothing else. */
export interface LinkSecrets {
  token: string;
  next?: string;
  code?: string;
  /** The language of the page it was asked from (sealed with the rest). */
  locale?: string;
}

/** What a login notice tells: how, when, and from which browser and network (S26). */
export interface NoticeFacts {
  notice: { method: "code" | "approval"; at: number; device: string; network: string | null };
  locale?: string;
}

/** What a notice about the account tells (S24): that it was deleted, or moved to a new address (masked), and when. */
export interface AccountFacts {
  account: { event: "deleted"; at: number } | { event: "email_changed"; at: number; newEmail: string };
  locale?: string;
}

export type MailSecrets = LinkSecrets | NoticeFacts | AccountFacts;

/** How long a login notice may wait for the mail service before it is dropped as stale. */
const NOTICE_LIFETIME = 24 * 3600 * 1000;

/**
 * Mails claimed per round trip, all sent at once. Small on purpose: every mail claimed
 * must be sent and recorded before its lease runs out, or another deliverer may send it too.
 */
const CLAIM_BATCH = 8;

export interface DeliveryCounts {
  delivered: number;
  retrying: number;
  dropped: number;
}

export function createOutbox(config: CoreConfig, linkUrl: (kind: LinkKind, token: string, next?: string) => string) {
  const { store, mailer, now, random, log } = config;
  const sealer = createSealer(config.secret, random, "mail outbox v1", config.aesGcm);
  /** Who holds a lease: this instance. */
  const owner = generateId(random);
  const { track, idle } = trackInFlight();
  let settling: MailSettlement[] = [];
  let flushing: Promise<void> | undefined;

  /** A new mail's outbox row, leased to this instance for its first try. */
  async function queue(secrets: MailSecrets, at: number): Promise<OutboxEntry> {
    const id = generateTimeOrderedId(at, random);
    return { id, sealed: await sealer.seal(id, JSON.stringify(secrets)), leaseOwner: owner, leaseUntil: at + config.mailLease, nextAttemptAt: at };
  }

  /** A login notice's row, for the store to write in the same step as the login. */
  async function queueNotice(facts: NoticeFacts | AccountFacts, at: number): Promise<NoticeEntry> {
    return { ...(await queue(facts, at)), expiresAt: at + NOTICE_LIFETIME };
  }

  /** The first try of a mail just queued; never rejects (a failure stays queued). */
  function deliverNew(mail: QueuedMail, secrets: MailSecrets): Promise<void> {
    const attempt = send(mail, secrets)
      .then(record)
      .catch((error: unknown) => log({ level: "error", event: "mail.failed", id: mail.id, error }));
    return track(attempt);
  }

  /**
   * The first try of a mail this instance has just written (its row `entry`, leased to it),
   * handed to `background` (a runtime's waitUntil) where there is one. Never rejects.
   */
  function sendWritten(
    entry: OutboxEntry,
    mail: { kind: MailKind; to: string; expiresAt: number },
    secrets: MailSecrets,
    background?: (delivery: Promise<void>) => void,
  ): Promise<void> {
    const delivery = deliverNew({ id: entry.id, sealed: entry.sealed, leaseUntil: entry.leaseUntil, attempts: 1, ...mail }, secrets);
    background?.(delivery);
    return delivery;
  }

  /** One pass over the due mails, until none are left; for loops and cron jobs. */
  async function deliverQueued(shouldContinue: () => boolean = () => true): Promise<DeliveryCounts> {
    const counts: DeliveryCounts = { delivered: 0, retrying: 0, dropped: 0 };
    const pass = (async () => {
      for (;;) {
        const at = now();
        const { claimed, dropped } = await store.claimMail({ owner, now: at, leaseUntil: at + config.mailLease, limit: CLAIM_BATCH });
        counts.dropped += dropped;
        if (dropped > 0) log({ level: "warn", event: "mail.dropped", count: dropped, reason: "link expired before delivery" });
        if (claimed.length > 0) {
          const outcomes = await Promise.all(claimed.map((mail) => send(mail)));
          await settleSoon(outcomes);
          for (const outcome of outcomes) counts[outcome.outcome === "retry" ? "retrying" : outcome.outcome] += 1;
        }
        // A stopping server ends after this batch; the rest waits for the next deliverer.
        if (claimed.length < CLAIM_BATCH || !shouldContinue()) return counts;
      }
    })().catch((error: unknown) => {
      // The database, most likely; what was claimed is freed when its lease runs out.
      log({ level: "error", event: "mail.pass_failed", error });
      throw error;
    });
    return track(pass);
  }

  async function send(mail: QueuedMail, known?: MailSecrets): Promise<MailSettlement> {
    const { id, attempts } = mail;
    const at = now();
    if (at >= mail.expiresAt) return { id, attempts, outcome: "dropped", at, reason: "the link expired before the mail could be sent" };
    // A try that starts after its lease ran out may race another deliverer's: leave the mail to it.
    if (at >= mail.leaseUntil) return { id, attempts, outcome: "retry", at, nextAttemptAt: at, error: "the lease ran out before the try began" };
    const secrets = known ?? (await openSecrets(mail));
    if (!secrets) {
      // Another instance (with the right secret) may still send it; it is dropped at the link's expiry at the latest.
      const reason = "sealed under another secret: set the same secret on every instance";
      log({ level: "error", event: "mail.unreadable", id, reason });
      return retryOrDrop(mail, reason);
    }
    const { url, rendered, code, expiresAt } = await render(mail, secrets, at);
    try {
      await mailer.send({ to: mail.to, kind: mail.kind, url, ...rendered, ...(code !== undefined && { code }), ...(expiresAt !== undefined && { expiresAt }) });
    } catch (error) {
      // The mailers put what the service said (already free of credentials) in the cause;
      // a service's reply may name the recipient, so addresses are masked in it.
      const reason = maskAddressesIn(describeFailure(error));
      if (error instanceof SesameError && error.code === "mail_rejected") {
        // Refused for good (an unknown mailbox): trying again until the link expires helps nobody.
        log({ level: "warn", event: "mail.bounced", id, kind: mail.kind, email: maskEmail(mail.to), attempts, reason });
        return { id, attempts, outcome: "dropped", at: now(), reason: `bounced: ${reason}` };
      }
      log({ level: "error", event: "mail.failed", id, kind: mail.kind, email: maskEmail(mail.to), attempts, reason });
      return retryOrDrop(mail, reason);
    }
    log({ level: "info", event: "link.sent", id, kind: mail.kind, email: maskEmail(mail.to), attempts });
    return { id, attempts, outcome: "delivered", at: now() };
  }

  /** Tried again after a growing delay, or dropped now when that would be after the link's expiry. */
  function retryOrDrop(mail: QueuedMail, reason: string): MailSettlement {
    const at = now();
    // Doubling from the first delay, at most five minutes: a link lives minutes to hours.
    const nextAttemptAt = at + retryDelay(config.mailRetryDelay, mail.attempts, 5 * 60_000, random);
    if (nextAttemptAt >= mail.expiresAt) return { id: mail.id, attempts: mail.attempts, outcome: "dropped", at, reason: `gave up: ${reason}` };
    return { id: mail.id, attempts: mail.attempts, outcome: "retry", at, nextAttemptAt, error: reason };
  }

  /** The message for a mail, with the time its link has left as it goes out (not its whole lifetime). */
  async function render(
    mail: QueuedMail,
    secrets: MailSecrets,
    at: number,
  ): Promise<{ url: string; rendered: RenderedMail; code?: string; expiresAt?: number }> {
    if ("notice" in secrets) {
      const url = pagesBase(config);
      return { url, rendered: await config.renderMail({ kind: "notice", to: mail.to, url, ...secrets.notice, locale: secrets.locale }) };
    }
    if ("account" in secrets) {
      const url = pagesBase(config);
      const facts = secrets.account;
      const content =
        facts.event === "deleted"
          ? ({ kind: "account_deleted", to: mail.to, url, at: facts.at, locale: secrets.locale } as const)
          : ({ kind: "email_changed", to: mail.to, url, at: facts.at, newEmail: facts.newEmail, locale: secrets.locale } as const);
      return { url, rendered: await config.renderMail(content) };
    }
    if (mail.kind === "email_change") {
      const url = new URL("account/email", pagesBase(config));
      url.searchParams.set("token", secrets.token);
      const content = {
        kind: "email_change",
        to: mail.to,
        url: url.href,
        timeLeft: mail.expiresAt - at,
        expiresAt: mail.expiresAt,
        locale: secrets.locale,
      } as const;
      return { url: url.href, rendered: await config.renderMail(content), expiresAt: mail.expiresAt };
    }
    const kind: LinkKind = mail.kind === "signup" ? "signup" : "login";
    const url = linkUrl(kind, secrets.token, secrets.next);
    const rendered = await config.renderMail({
      kind,
      to: mail.to,
      url,
      timeLeft: mail.expiresAt - at,
      expiresAt: mail.expiresAt,
      code: secrets.code,
      locale: secrets.locale,
    });
    return { url, rendered, expiresAt: mail.expiresAt, ...(secrets.code !== undefined && { code: secrets.code }) };
  }

  async function openSecrets(mail: QueuedMail): Promise<MailSecrets | null> {
    const plain = await sealer.open(mail.id, mail.sealed);
    if (plain === null) return null;
    const value = JSON.parse(plain) as Partial<LinkSecrets & NoticeFacts & AccountFacts>;
    if (mail.kind === "notice") return typeof value.notice?.at === "number" ? (value as NoticeFacts) : null;
    if (mail.kind === "account") return typeof value.account?.at === "number" ? (value as AccountFacts) : null;
    return typeof value.token === "string" ? (value as LinkSecrets) : null;
  }

  /**
   * Records an outcome. Outcomes that arrive while a write is under way go together in
   * the next one, so a burst of first tries costs a few round trips, not one each.
   */
  function record(settlement: MailSettlement): Promise<void> {
    settling.push(settlement);
    flushing ??= flush();
    return flushing;
  }

  async function flush(): Promise<void> {
    try {
      // Let the sends finishing in this turn join the first write.
      await new Promise((resolve) => setTimeout(resolve, 0));
      while (settling.length > 0) {
        const batch = settling;
        settling = [];
        // A lost record only means one more try when the lease runs out.
        await settleSoon(batch).catch((error: unknown) => log({ level: "error", event: "mail.record_failed", count: batch.length, error }));
      }
    } finally {
      flushing = undefined;
    }
  }

  /**
   * Records a batch of outcomes, trying a few times over a database hiccup: an unrecorded
   * delivery is sent again when its lease runs out.
   */
  async function settleSoon(outcomes: MailSettlement[]): Promise<void> {
    for (let tries = 1; ; tries++) {
      try {
        await store.settleMail(owner, outcomes);
        return;
      } catch (error) {
        if (tries >= 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * tries));
      }
    }
  }

  return { queue, queueNotice, sendWritten, deliverQueued, idle };
}

export type Outbox = ReturnType<typeof createOutbox>;

function describeFailure(error: unknown): string {
  if (error instanceof SesameError && error.cause instanceof Error) return `${error.message}: ${error.cause.message}`;
  return error instanceof Error ? error.message : String(error);
}
