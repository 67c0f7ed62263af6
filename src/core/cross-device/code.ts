/**
 * The six-digit code from the mail, typed in the browser that asked: a login starts a
 * session there; a sign-up lets that browser send the details form. Counted per link and
 * per address (S06, S27).
 */
import { maskEmail } from "../email.js";
import { secondsUntil, type FlowContext, type RequestContext } from "../flow-context.js";
import { MAX_APPROVAL_ATTEMPTS, MAX_CODE_ATTEMPTS } from "../limits/attempts.js";
import { guessCap } from "../limits/rate-limit.js";
import type { SignupOutcome } from "../links/redeem-link.js";
import type { Account, SignupKey } from "../ports.js";
import { afterLogin } from "../sessions/after-login.js";
import { startSession, type IssuedSession } from "../sessions/session.js";
import { codeInput, isWellFormedToken } from "../token.js";
import type { LoginNotices } from "./notices.js";

export type CodeOutcome =
  | { ok: true; kind: "login"; account: Account; session: IssuedSession }
  | { ok: true; kind: "signup"; email: string }
  | { ok: false; reason: "malformed_code" | "no_request" | "expired" | "used" | "denied" | "too_many_attempts" }
  | { ok: false; reason: "wrong_code"; attemptsLeft: number }
  /** Too many wrong codes and approval numbers for this address over all its links (S27). */
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

const CODE_PATTERN = /^[0-9]{6}$/;

export function codeFlows(
  { config, fail, previousSessionHash, events }: FlowContext,
  notices: LoginNotices,
  finishSignup: (key: SignupKey, input: Record<string, string>, previousSession?: string, context?: RequestContext) => Promise<SignupOutcome>,
) {
  const { store, now, log, sha256 } = config;
  const cap = guessCap(config.guessLimit);

  async function redeemCode(pendingSecret: unknown, rawCode: unknown, previousSession?: string, context: RequestContext = {}): Promise<CodeOutcome> {
    const code = typeof rawCode === "string" ? rawCode.replace(/[\s-]/g, "") : "";
    if (!CODE_PATTERN.test(code)) return { ok: false, reason: "malformed_code" };
    if (!isWellFormedToken(pendingSecret)) return { ok: false, reason: "no_request" };
    const at = now();
    const session = await startSession(config, at, context);
    const notice = await notices.prepare("code", at, context);
    const written = [events.event("session.created", { when: "after", session: session.record.idHash }, { method: "code" })];
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
      events: written,
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
    notices.send(notice, result.account, context);
    await events.written(written, context.background);
    await afterLogin(config, result.account, "code");
    return { ok: true, kind: "login", account: result.account, session: session.issued };
  }

  /** The sign-up form sent from the browser that asked, after its code was entered there. */
  async function completeSignupByCode(
    pendingSecret: unknown,
    input: Record<string, string>,
    previousSession?: string,
    context: RequestContext = {},
  ): Promise<SignupOutcome> {
    if (!isWellFormedToken(pendingSecret)) return fail("signup", "invalid", context);
    return finishSignup({ pendingHash: await sha256(pendingSecret) }, input, previousSession, context);
  }

  return { redeemCode, completeSignupByCode };
}
