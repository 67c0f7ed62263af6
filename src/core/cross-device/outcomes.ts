/**
 * What a code typed in the asking browser, an approval from another device, or the asking
 * browser's check for that approval came to: decided here from the facts a store reads
 * back in the same batch as the step itself.
 */
import type { Account, Approval, ApprovalClaim, CodeRedemption } from "../ports.js";

/** A link row with a pending request, as the store read it right after the step. */
export interface PendingFacts {
  kind: string;
  email: string;
  accountId: string | null;
  usedAt: number | null;
  deniedAt: number | null;
  approvedAt: number | null;
  pendingHash: string | null;
  /** When the code and an approval stop working. */
  pendingUntil: number;
  codeAttempts: number;
  approvalAttempts: number;
  /** This step's redemption won: the link carries its session. */
  matched: boolean;
  /** That session's account, for a login. */
  account: Account | null;
  /** The approval number given was the right one. */
  numberRight: boolean;
  /** This step was a wrong guess that was checked and counted. */
  guessed: boolean;
  /** While the address's guesses are used up: when they free (S27); null when not counted. */
  unlocksAt: number | null;
}

/** Wrong guesses allowed per link, for codes and for approval numbers. */
export interface AttemptLimits {
  code: number;
  approval: number;
}

/** A guess that was checked is told how it went, even when it is the one that locked the address. */
function lockedFor(facts: PendingFacts, now: number): number | null {
  return !facts.guessed && facts.unlocksAt !== null && facts.unlocksAt > now ? facts.unlocksAt : null;
}

export function codeOutcome(facts: PendingFacts | undefined, now: number, limits: AttemptLimits): CodeRedemption {
  if (!facts) return { ok: false, reason: "no_request" };
  if (facts.matched) {
    // A sign-up code makes no session: it lets the asking browser send the details form.
    return facts.kind === "login" && facts.account ? { ok: true, kind: "login", account: facts.account } : { ok: true, kind: "signup", email: facts.email };
  }
  const { accountId } = facts;
  if (facts.deniedAt !== null) return { ok: false, reason: "denied", accountId };
  if (facts.usedAt !== null) return { ok: false, reason: "used", accountId };
  if (facts.pendingUntil <= now) return { ok: false, reason: "expired", accountId };
  const locked = lockedFor(facts, now);
  if (locked !== null) return { ok: false, reason: "locked", retryAt: locked, accountId };
  if (facts.codeAttempts >= limits.code) return { ok: false, reason: "too_many_attempts", accountId };
  return { ok: false, reason: "wrong_code", attemptsLeft: limits.code - facts.codeAttempts, accountId };
}

export function approvalOutcome(facts: PendingFacts | undefined, now: number, limits: AttemptLimits): Approval {
  if (!facts || facts.kind !== "login" || facts.accountId === null) return { ok: false, reason: "invalid" };
  const { accountId } = facts;
  const attempts = facts.approvalAttempts;
  if (facts.approvedAt !== null && facts.usedAt === null && facts.numberRight) return { ok: true, accountId };
  // A request killed by its last wrong number is "denied" too; say which.
  if (facts.deniedAt !== null) return attempts >= limits.approval ? { ok: false, reason: "too_many_attempts", accountId } : { ok: false, reason: "denied" };
  if (facts.usedAt !== null) return { ok: false, reason: "used" };
  if (facts.pendingHash === null) return { ok: false, reason: "invalid" };
  if (facts.pendingUntil <= now) return { ok: false, reason: "expired" };
  const locked = lockedFor(facts, now);
  if (locked !== null) return { ok: false, reason: "locked", retryAt: locked, accountId };
  if (attempts >= limits.approval) return { ok: false, reason: "too_many_attempts", accountId };
  return { ok: false, reason: "wrong_number", attemptsLeft: limits.approval - attempts, accountId };
}

export function claimOutcome(facts: PendingFacts | undefined, now: number): ApprovalClaim {
  if (!facts) return { ok: false, reason: "none" };
  if (facts.matched && facts.account) return { ok: true, account: facts.account };
  if (facts.deniedAt !== null) return { ok: false, reason: "denied" };
  if (facts.usedAt !== null) return { ok: false, reason: "used" };
  if (facts.pendingUntil <= now) return { ok: false, reason: "expired" };
  return { ok: false, reason: "waiting" };
}
