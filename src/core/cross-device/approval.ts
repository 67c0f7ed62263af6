/**
 * Approval from another device: the mail's holder lets the asking browser in by typing the
 * number only that browser shows (S26), or answers "Not me"; the asking browser collects
 * an approval once.
 */
import { maskEmail } from "../email.js";
import { secondsUntil, type FlowContext, type RequestContext } from "../flow-context.js";
import { MAX_APPROVAL_ATTEMPTS, MAX_CODE_ATTEMPTS } from "../limits/attempts.js";
import { guessCap } from "../limits/rate-limit.js";
import type { Account, LinkKind, TokenFailure } from "../ports.js";
import { afterLogin } from "../sessions/after-login.js";
import { startSession, type IssuedSession } from "../sessions/session.js";
import { codeInput, generateId, isWellFormedToken } from "../token.js";
import type { LoginNotices } from "./notices.js";

export type ApprovalOutcome =
  | { ok: true }
  | { ok: false; reason: TokenFailure | "malformed_number" | "too_many_attempts" }
  | { ok: false; reason: "wrong_number"; attemptsLeft: number }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

export type ApprovalClaimOutcome =
  { ok: true; account: Account; session: IssuedSession } | { ok: false; reason: "waiting" | "denied" | "expired" | "used" | "none" };

const NUMBER_PATTERN = /^[0-9]{2}$/;

export function approvalFlows({ config, fail, previousSessionHash, events }: FlowContext, notices: LoginNotices) {
  const { store, now, random, log, sha256 } = config;
  const cap = guessCap(config.guessLimit);

  /** "Yes, that was me", with the number the asking browser shows. A wrong number counts as a guess. */
  async function approveLogin(token: unknown, rawNumber: unknown, context: RequestContext = {}): Promise<ApprovalOutcome> {
    if (!isWellFormedToken(token)) return fail("login", "invalid", context);
    const number = typeof rawNumber === "string" ? rawNumber.trim() : "";
    if (!NUMBER_PATTERN.test(number)) return { ok: false, reason: "malformed_number" };
    const at = now();
    const result = await store.approveLogin({
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
    if (!isWellFormedToken(pendingSecret)) return { ok: false, reason: "none" };
    const at = now();
    const session = await startSession(config, at, context);
    const notice = await notices.prepare("approval", at, context);
    const written = [events.event("session.created", { when: "after", session: session.record.idHash }, { method: "approval" })];
    const result = await store.claimApproval({
      pendingHash: await sha256(pendingSecret),
      now: at,
      session: session.record,
      replacedSessionHash: await previousSessionHash(previousSession),
      notice: notice?.entry,
      events: written,
    });
    if (!result.ok) return result;
    log({
      level: "info",
      event: "login.succeeded",
      by: "approval",
      account: result.account.id,
      email: maskEmail(result.account.email),
      client: context.client,
    });
    notices.send(notice, result.account, context);
    await events.written(written, context.background);
    await afterLogin(config, result.account, "approval");
    return { ok: true, account: result.account, session: session.issued };
  }

  return { approveLogin, denyLink, claimApproval };
}
