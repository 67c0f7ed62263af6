/**
 * What a stored link is now, and why one cannot be used: the rule every store applies to
 * the facts it reads (in the same batch as the step that failed), decided here once.
 */
import type { LinkKind, LinkTokenState, TokenFailure } from "../ports.js";

/** A link row as a store reads it: facts only, no decisions. */
export interface LinkFacts {
  kind: string;
  email: string;
  accountId: string | null;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  deniedAt: number | null;
  pendingHash: string | null;
  requestedBy: string | null;
  requestedFrom: string | null;
  /** Stored while sign-ups were closed, for an address with no account: never usable. */
  decoy?: boolean;
  /** Whether an account uses the link's address now. */
  hasAccount: boolean;
}

/** The state of a link of `kind` at `now`; a missing row, or one of the other kind, is invalid. */
export function classifyLink(facts: LinkFacts | undefined, kind: LinkKind, now: number): LinkTokenState {
  if (!facts || facts.kind !== kind || facts.decoy) return { status: "invalid" };
  // A sign-up link whose address gained an account since: offer a login instead.
  if (kind === "signup" && facts.hasAccount) return { status: "account_exists", email: facts.email };
  if (facts.deniedAt !== null) return { status: "denied" };
  if (facts.usedAt !== null) return { status: "used" };
  if (facts.expiresAt <= now) return { status: "expired" };
  const { email, expiresAt, createdAt, pendingHash, requestedBy, requestedFrom } = facts;
  return { status: "valid", kind, email, expiresAt, createdAt, pendingHash, requestedBy, requestedFrom };
}

export type LinkFailure = { ok: false; reason: TokenFailure } | { ok: false; reason: "account_exists"; email: string };

/** A state that is not "valid", as a failed redemption. */
export function failureOf(state: LinkTokenState): LinkFailure {
  switch (state.status) {
    case "account_exists":
      return { ok: false, reason: "account_exists", email: state.email };
    case "valid": // not reachable through a consistent database; refuse rather than guess
      return { ok: false, reason: "invalid" };
    default:
      return { ok: false, reason: state.status };
  }
}

/** For a login link: an address that has an account is no reason a login fails, so "account_exists" reads as invalid. */
export function loginFailureOf(state: LinkTokenState): { ok: false; reason: TokenFailure } {
  const failure = failureOf(state);
  return failure.reason === "account_exists" ? { ok: false, reason: "invalid" } : failure;
}
