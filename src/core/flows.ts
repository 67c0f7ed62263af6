/**
 * The flows, as functions that return outcomes as values. They know nothing of
 * HTTP: the http layer turns outcomes into pages or JSON, and a host app may call
 * them directly.
 */
import { PURGE_AFTER, type CoreConfig, type ResolvedSignupField } from "./config.js";
import { canonicalizeEmail, maskEmail, type EmailRefusal } from "./email.js";
import { createOutbox, type LinkSecrets, type NoticeFacts } from "./mail/outbox.js";
import type { Account, Approval, LinkKind, LinkTokenState, NoticeEntry, PurgeCounts, SignupKey, TokenFailure } from "./ports.js";
import { guessCap, rateLimitCharges } from "./limits/rate-limit.js";
import { checkRedirect } from "./links/redirect.js";
import { revokeSession, startSession, validateSession, type ValidSession } from "./sessions/session.js";
import { codeInput, generateCode, generateId, generateToken, isWellFormedToken } from "./token.js";
import { describeUserAgent, maskNetwork } from "./user-agent.js";

export type LinkRequest =
  /**
   * `pendingSecret`: for the asking browser's cookie, when asked with `browser`;
   * `approvalNumber`: for that browser to show, so that an approval from another device
   * can prove it sees this screen (S26).
   */
  | { ok: true; kind: LinkKind; email: string; pendingSecret?: string; approvalNumber?: string }
  | { ok: false; reason: "invalid_email"; refusal: EmailRefusal; message: string }
  | { ok: false; reason: "invalid_next"; message: string }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export interface LinkRequestOptions {
  /** The client's address (an IPv4 address, or an IPv6 /64), for the per-client limits. */
  client?: string | undefined;
  /** Where to land after following the link: a path here or a URL on an allowed origin. */
  next?: string | undefined;
  /**
   * Hand the mail's first delivery attempt to this function instead of waiting for it
   * (a runtime's waitUntil), so the answer does not wait for the mail service. Either
   * way a failed attempt stays in the outbox and is tried again.
   */
  background?: (delivery: Promise<void>) => void;
  /**
   * Asked from a browser that can keep a cookie: the link then works in one click
   * there, and the mail also carries a code to type there.
   */
  browser?: { userAgent: string | null };
}

/** Who is calling a flow: for the audit log, login notices, and mail sent after the answer. */
export interface RequestContext {
  /** The client's address (an IPv4 address, or an IPv6 /64). */
  client?: string | undefined;
  /** The browser's User-Agent, as it claims. */
  userAgent?: string | null | undefined;
  /** As in LinkRequestOptions: where a login notice's first delivery attempt may run on. */
  background?: ((delivery: Promise<void>) => void) | undefined;
}

export type CodeOutcome =
  | { ok: true; kind: "login"; account: Account; session: IssuedSession }
  | { ok: true; kind: "signup"; email: string }
  | { ok: false; reason: "malformed_code" | "no_request" | "expired" | "used" | "denied" | "too_many_attempts" }
  | { ok: false; reason: "wrong_code"; attemptsLeft: number }
  /** Too many wrong codes and approval numbers for this address over all its links (S27). */
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

export type ApprovalOutcome =
  | { ok: true }
  | { ok: false; reason: TokenFailure | "malformed_number" | "too_many_attempts" }
  | { ok: false; reason: "wrong_number"; attemptsLeft: number }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

export type ApprovalClaimOutcome =
  | { status: "logged_in"; account: Account; session: IssuedSession }
  | { status: "waiting" | "denied" | "expired" | "used" | "none" };

/** Wrong codes allowed per link before the code dies (S06). */
export const MAX_CODE_ATTEMPTS = 5;
/** Wrong approval numbers allowed per request before it dies (S26). */
export const MAX_APPROVAL_ATTEMPTS = 3;
const CODE_PATTERN = /^[0-9]{6}$/;
const NUMBER_PATTERN = /^[0-9]{2}$/;

/** A login notice: its outbox row, and what it says (to send it without opening the seal again). */
interface Notice {
  entry: NoticeEntry;
  facts: NoticeFacts;
}

/** A link as the confirmation pages see it: its state, and the asking browser as a person reads it. */
export type LinkInspection = Exclude<LinkTokenState, { status: "valid" }> | (Extract<LinkTokenState, { status: "valid" }> & { device: string });

/** A session secret for the cookie; only its hash is stored. */
export interface IssuedSession {
  token: string;
  expiresAt: number;
}

export type LoginOutcome =
  | { ok: true; account: Account; session: IssuedSession }
  | { ok: false; reason: TokenFailure }
  /** Opened with `pendingSecret` in another browser than the one that asked: the link, for its confirmation page. */
  | { ok: false; reason: "not_this_browser"; link: Extract<LinkInspection, { status: "valid" }> };

export type SignupOutcome =
  | { ok: true; account: Account; session: IssuedSession }
  | { ok: false; reason: TokenFailure }
  | { ok: false; reason: "account_exists"; email: string }
  | { ok: false; reason: "invalid_fields"; errors: Record<string, string>; values: Record<string, string> };

const INVALID_NEXT = "The page to return to must be on this site.";

/** How often, at most, an instance purges expired rows on its own. */
const PURGE_INTERVAL = 60 * 60 * 1000;

export function createFlows(config: CoreConfig) {
  const { store, now, random, log, sha256 } = config;
  let lastPurge = 0;
  const cap = guessCap(config.guessLimit);
  // The code and approval of a request: as long as its link, or, under uniform answers, as
  // long as the shorter of the two kinds whatever the address, so that no later answer
  // tells them apart (S31).
  const pendingLifetime = config.uniformResponses
    ? Math.min(config.loginLinkTtl, config.signupLinkTtl)
    : Math.max(config.loginLinkTtl, config.signupLinkTtl);

  function linkUrl(kind: LinkKind, token: string, next?: string): string {
    const url = new URL(kind, config.baseUrl.origin + config.basePath);
    url.searchParams.set("token", token);
    if (next !== undefined) url.searchParams.set("next", next);
    return url.href;
  }

  const outbox = createOutbox(config, linkUrl);

  /** Sends a sign-up link to a new address or a login link to a known one, within the rate limits. */
  async function requestLink(rawEmail: unknown, options: LinkRequestOptions = {}): Promise<LinkRequest> {
    const address = canonicalizeEmail(rawEmail);
    if (!address.ok) return { ok: false, reason: "invalid_email", refusal: address.reason, message: address.message };
    const next = options.next === undefined ? undefined : checkNext(options.next);
    if (next === null) return { ok: false, reason: "invalid_next", message: INVALID_NEXT };

    const token = generateToken(random);
    const tokenHash = await sha256(token);
    const pendingSecret = options.browser ? generateToken(random) : undefined;
    const code = options.browser ? generateCode(random) : undefined;
    const approvalNumber = options.browser ? generateCode(random, 2) : undefined;
    const at = now();
    const pending =
      pendingSecret && code && approvalNumber
        ? {
            pendingHash: await sha256(pendingSecret),
            codeHash: await sha256(codeInput(pendingSecret, code)),
            approvalHash: await sha256(codeInput(token, approvalNumber)),
            requestedBy: options.browser?.userAgent?.slice(0, 400) ?? null,
            requestedFrom: maskNetwork(options.client),
            expiresAt: at + pendingLifetime,
          }
        : undefined;
    const secrets: LinkSecrets = { token, ...(next !== undefined && { next }), ...(code !== undefined && { code }) };
    const mail = await outbox.queue(secrets, at);
    const link = await store.createLinkToken({
      pending,
      email: address.email,
      tokenHash,
      now: at,
      signupExpiresAt: at + config.signupLinkTtl,
      loginExpiresAt: at + config.loginLinkTtl,
      limits: rateLimitCharges(config.rateLimits, { email: address.email, client: options.client }),
      mail,
    });
    if (!link.created) {
      const retryAfterSeconds = secondsUntil(link.retryAt, at);
      log({ level: "warn", event: "rate_limit.hit", email: maskEmail(address.email), client: options.client, retryAfterSeconds });
      return { ok: false, reason: "rate_limited", retryAfterSeconds };
    }
    log({ level: "info", event: "link.requested", kind: link.kind, email: maskEmail(link.email), client: options.client });

    // To the address the store holds, never the raw input.
    const expiresAt = at + (link.kind === "login" ? config.loginLinkTtl : config.signupLinkTtl);
    const delivery = outbox.deliverNew({ id: mail.id, kind: link.kind, to: link.email, sealed: mail.sealed, expiresAt, attempts: 1, leaseUntil: mail.leaseUntil }, secrets);
    if (options.background) options.background(delivery);
    else await delivery;
    return { ok: true, kind: link.kind, email: link.email, ...(pendingSecret && { pendingSecret }), ...(approvalNumber && { approvalNumber }) };
  }

  /** The landing place for a `next` value, or null when it may not be used. */
  function checkNext(next: string): string | null {
    return checkRedirect(next, config.baseUrl.origin, config.redirectOrigins);
  }

  /**
   * What a link is, without using it: for the confirmation pages that scanners may also
   * open. A link asked for from a browser says which browser, as a person reads it.
   */
  async function inspectLink(kind: LinkKind, token: unknown): Promise<LinkInspection> {
    if (!isWellFormedToken(token)) return { status: "invalid" };
    const state = await store.inspectLinkToken(await sha256(token), kind, now());
    return state.status === "valid" ? { ...state, device: describeUserAgent(state.requestedBy) } : state;
  }

  /**
   * A request that filled in the field people never see (a bot): it gets the ordinary
   * answer, from values that match nothing, and nothing is stored or sent.
   */
  function answerHoneypot(rawEmail: unknown, client?: string): { email: string; pendingSecret: string; approvalNumber: string } {
    const address = canonicalizeEmail(rawEmail);
    log({ level: "warn", event: "honeypot.hit", email: address.ok ? maskEmail(address.email) : undefined, client });
    const email = address.ok ? address.email : typeof rawEmail === "string" ? rawEmail.slice(0, 254) : "";
    return { email, pendingSecret: generateToken(random), approvalNumber: generateCode(random, 2) };
  }

  /** Resolves when the database answers; throws (store_unavailable) when not. */
  async function checkHealth(): Promise<void> {
    await store.ping();
  }

  /**
   * Uses a login link. With `pendingSecret`, only if this is the browser that asked
   * (a link opened there needs no confirmation: scanners never hold that cookie).
   */
  async function redeemLogin(token: unknown, previousSession?: string, pendingSecret?: string, context: RequestContext = {}): Promise<LoginOutcome> {
    if (!isWellFormedToken(token)) return fail("login", "invalid", context);
    const at = now();
    const session = await startSession(config, at);
    const result = await store.redeemLoginToken({
      tokenHash: await sha256(token),
      now: at,
      session: session.record,
      replacedSessionHash: await previousSessionHash(previousSession),
      pendingHash: pendingSecret === undefined ? undefined : await sha256(pendingSecret),
    });
    if (!result.ok && result.reason === "not_this_browser") {
      // Only a browser with some other request's cookie gets here; nothing failed, it just needs a confirmation.
      if (pendingSecret !== undefined) return { ok: false, reason: "not_this_browser", link: { ...result.link, device: describeUserAgent(result.link.requestedBy) } };
      return fail("login", "invalid", context);
    }
    if (!result.ok) return fail("login", result.reason === "account_exists" ? "invalid" : result.reason, context, "accountId" in result ? result.accountId : undefined);
    log({ level: "info", event: "login.succeeded", by: "link", account: result.account.id, email: maskEmail(result.account.email), client: context.client });
    return { ok: true, account: result.account, session: session.issued };
  }

  async function completeSignup(token: unknown, input: Record<string, string>, previousSession?: string): Promise<SignupOutcome> {
    if (!isWellFormedToken(token)) return fail("signup", "invalid");
    return finishSignup({ tokenHash: await sha256(token) }, input, previousSession);
  }

  async function finishSignup(key: SignupKey, input: Record<string, string>, previousSession?: string): Promise<SignupOutcome> {
    const fields = validateSignupFields(config.signupFields, input);
    if (!fields.ok) return { ok: false, reason: "invalid_fields", errors: fields.errors, values: fields.values };
    const at = now();
    const session = await startSession(config, at);
    const { name = null, ...profile } = fields.values;
    const result = await store.completeSignup({
      key,
      now: at,
      account: { id: generateId(random), name: name || null, profile },
      session: session.record,
      replacedSessionHash: await previousSessionHash(previousSession),
    });
    if (!result.ok) {
      log({ level: "warn", event: "signup.failed", reason: result.reason });
      return result;
    }
    log({ level: "info", event: "signup.succeeded", account: result.account.id, email: maskEmail(result.account.email) });
    return { ok: true, account: result.account, session: session.issued };
  }

  /** A code typed in the browser that asked: a login starts a session; a sign-up may go on to its form. */
  async function redeemCode(pendingSecret: unknown, rawCode: unknown, previousSession?: string, context: RequestContext = {}): Promise<CodeOutcome> {
    const code = typeof rawCode === "string" ? rawCode.replace(/[\s-]/g, "") : "";
    if (!CODE_PATTERN.test(code)) return { ok: false, reason: "malformed_code" };
    if (!isWellFormedToken(pendingSecret)) return { ok: false, reason: "no_request" };
    const at = now();
    const session = await startSession(config, at);
    const notice = await noticeFor("code", at, context);
    const result = await store.redeemCode({
      pendingHash: await sha256(pendingSecret),
      codeHash: await sha256(codeInput(pendingSecret, code)),
      now: at,
      maxAttempts: MAX_CODE_ATTEMPTS,
      maxApprovalAttempts: MAX_APPROVAL_ATTEMPTS,
      guessCap: cap,
      session: session.record,
      replacedSessionHash: await previousSessionHash(previousSession),
      notice: notice?.entry,
    });
    if (!result.ok) {
      const account = "accountId" in result ? (result.accountId ?? undefined) : undefined;
      log({ level: "warn", event: "code.failed", reason: result.reason, account, client: context.client });
      if (result.reason === "locked") return { ok: false, reason: "locked", retryAfterSeconds: secondsUntil(result.retryAt, at) };
      if (result.reason === "wrong_code") return { ok: false, reason: "wrong_code", attemptsLeft: result.attemptsLeft };
      return { ok: false, reason: result.reason };
    }
    if (result.kind === "signup") return result;
    log({ level: "info", event: "login.succeeded", by: "code", account: result.account.id, email: maskEmail(result.account.email), client: context.client });
    sendNotice(notice, result.account, context);
    return { ok: true, kind: "login", account: result.account, session: session.issued };
  }

  /** The sign-up form sent from the browser that asked, after its code was entered there. */
  async function completeSignupByCode(pendingSecret: unknown, input: Record<string, string>, previousSession?: string): Promise<SignupOutcome> {
    if (!isWellFormedToken(pendingSecret)) return fail("signup", "invalid");
    return finishSignup({ pendingHash: await sha256(pendingSecret) }, input, previousSession);
  }

  /**
   * "Yes, that was me": from another device, let the asking browser in, if the number
   * typed is the one that browser shows (S26). A wrong number counts as a guess.
   */
  async function approveLogin(token: unknown, rawNumber: unknown, context: RequestContext = {}): Promise<ApprovalOutcome> {
    if (!isWellFormedToken(token)) return fail("login", "invalid", context);
    const number = typeof rawNumber === "string" ? rawNumber.trim() : "";
    if (!NUMBER_PATTERN.test(number)) return { ok: false, reason: "malformed_number" };
    const at = now();
    const result: Approval = await store.approveLogin({
      tokenHash: await sha256(token),
      approvalHash: await sha256(codeInput(token, number)),
      now: at,
      maxAttempts: MAX_APPROVAL_ATTEMPTS,
      maxCodeAttempts: MAX_CODE_ATTEMPTS,
      guessCap: cap,
      guessHash: generateId(random),
    });
    if (result.ok) {
      log({ level: "info", event: "login.approved", account: result.accountId, client: context.client });
      return { ok: true };
    }
    const account = "accountId" in result ? result.accountId : undefined;
    log({ level: "warn", event: "login.approval_failed", reason: result.reason, account, client: context.client });
    if (result.reason === "locked") return { ok: false, reason: "locked", retryAfterSeconds: secondsUntil(result.retryAt, at) };
    if (result.reason === "wrong_number") return { ok: false, reason: "wrong_number", attemptsLeft: result.attemptsLeft };
    return { ok: false, reason: result.reason };
  }

  /** "Not me": the request and its link die, for a sign-up link as for a login link. */
  async function denyLink(token: unknown, context: RequestContext = {}): Promise<{ ok: true; kind: LinkKind } | { ok: false; reason: TokenFailure }> {
    if (!isWellFormedToken(token)) return fail("login", "invalid", context);
    const result = await store.denyLink(await sha256(token), now());
    if (!result.ok) {
      log({ level: "warn", event: "login.denial_failed", reason: result.reason, client: context.client });
      return result;
    }
    log({ level: "warn", event: `${result.kind}.denied`, account: result.accountId ?? undefined, client: context.client });
    return { ok: true, kind: result.kind };
  }

  /** The asking browser checks for an approval, and collects it (a session) once. */
  async function claimApproval(pendingSecret: unknown, previousSession?: string, context: RequestContext = {}): Promise<ApprovalClaimOutcome> {
    if (!isWellFormedToken(pendingSecret)) return { status: "none" };
    const at = now();
    const session = await startSession(config, at);
    const notice = await noticeFor("approval", at, context);
    const result = await store.claimApproval({
      pendingHash: await sha256(pendingSecret),
      now: at,
      session: session.record,
      replacedSessionHash: await previousSessionHash(previousSession),
      notice: notice?.entry,
    });
    if (result.status !== "logged_in") return result;
    log({ level: "info", event: "login.succeeded", by: "approval", account: result.account.id, email: maskEmail(result.account.email), client: context.client });
    sendNotice(notice, result.account, context);
    return { status: "logged_in", account: result.account, session: session.issued };
  }

  /** A login notice to queue with a login by code or approval (the asking browser is the one calling), unless turned off. */
  async function noticeFor(method: "code" | "approval", at: number, context: RequestContext): Promise<Notice | undefined> {
    if (!config.loginNotices) return undefined;
    const facts: NoticeFacts = { notice: { method, at, device: describeUserAgent(context.userAgent ?? null), network: maskNetwork(context.client) } };
    return { entry: await outbox.queueNotice(facts, at), facts };
  }

  /** The notice's first try, after the answer where the runtime allows; a failure stays queued and is retried. */
  function sendNotice(notice: Notice | undefined, account: Account, context: RequestContext): void {
    if (!notice) return;
    const { entry, facts } = notice;
    const mail = { id: entry.id, kind: "notice" as const, to: account.email, sealed: entry.sealed, expiresAt: entry.expiresAt, attempts: 1, leaseUntil: entry.leaseUntil };
    const delivery = outbox.deliverNew(mail, facts);
    context.background?.(delivery);
  }

  /** Deletes rows that expired more than a week ago. */
  async function purgeExpired(): Promise<PurgeCounts> {
    lastPurge = now();
    const purged = await store.purgeExpired(lastPurge - PURGE_AFTER);
    log({ level: "info", event: "purge.done", ...purged });
    return purged;
  }

  /** Purges at most once an hour per instance, so deployments without a cron job stay tidy. */
  function purgeIfDue(): Promise<void> | undefined {
    if (now() - lastPurge < PURGE_INTERVAL) return undefined;
    return purgeExpired().then(
      () => undefined,
      (error: unknown) => log({ level: "error", event: "purge.failed", error }),
    );
  }

  function fail<R extends TokenFailure>(kind: LinkKind, reason: R, context: RequestContext = {}, account?: string): { ok: false; reason: R } {
    log({ level: "warn", event: `${kind}.failed`, reason, account, client: context.client });
    return { ok: false, reason };
  }

  function secondsUntil(time: number, at: number): number {
    return Math.max(1, Math.ceil((time - at) / 1000));
  }

  async function previousSessionHash(previous: string | undefined): Promise<string | undefined> {
    return isWellFormedToken(previous) ? sha256(previous) : undefined;
  }

  return {
    requestLink,
    answerHoneypot,
    inspectLink,
    redeemLogin,
    completeSignup,
    redeemCode,
    completeSignupByCode,
    approveLogin,
    denyLink,
    claimApproval,
    purgeExpired,
    purgeIfDue,
    checkNext,
    checkHealth,
    /** The account a session secret belongs to while it is live; extends its idle time now and then. */
    validateSession: (token: unknown): Promise<ValidSession | null> => validateSession(config, token),
    /** Ends a session on the server (logging out). */
    revokeSession: (token: unknown): Promise<void> => revokeSession(config, token),
    /** Sends the queued mails that are due: for a delivery loop or a cron job. */
    deliverQueuedMail: outbox.deliverQueued,
    /** Resolves when every mail attempt started so far is made and recorded. */
    idle: outbox.idle,
  };
}

export type Flows = ReturnType<typeof createFlows>;

/** Checks the sign-up form against the configured fields; values come back trimmed. */
export function validateSignupFields(
  fields: readonly ResolvedSignupField[],
  input: Record<string, string>,
): { ok: true; values: Record<string, string> } | { ok: false; errors: Record<string, string>; values: Record<string, string> } {
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    // Own properties only: a field named like an Object.prototype member must not read it.
    const value = (Object.hasOwn(input, field.name) ? (input[field.name] ?? "") : "").normalize("NFC").trim();
    values[field.name] = value;
    if (/[\p{Cc}\p{Cs}]/u.test(value)) errors[field.name] = `${field.label} cannot contain control characters.`;
    else if (field.required && value === "") errors[field.name] = `${field.label} is required.`;
    else if (value.length > field.maxLength) errors[field.name] = `${field.label} can be at most ${field.maxLength} characters.`;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors, values } : { ok: true, values };
}
