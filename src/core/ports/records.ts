/**
 * What the store keeps and answers: accounts, sessions, links and their states, and the
 * outcomes of each step, as plain data.
 */
import type { AccountEventEntry } from "./events.js";

/** Which kind of link an address gets: a new address signs up, a known one logs in. */
export type LinkKind = "signup" | "login";

export interface Account {
  id: string;
  /** The canonical address (see core/email.ts); unique across accounts. */
  email: string;
  name: string | null;
  /** Extra sign-up fields beyond `name`, as configured. */
  profile: Record<string, string>;
  createdAt: number;
}

/** A session as the store keeps it: only the hash of the secret the cookie holds. */
export interface SessionRecord {
  idHash: string;
  accountId: string;
  createdAt: number;
  idleExpiresAt: number;
  absoluteExpiresAt: number;
  /** The browser's User-Agent at login, as it claimed. */
  userAgent: string | null;
  /** The client's network at login with the last part hidden (203.0.113.x). */
  network: string | null;
  /** When it was last used, to within a few minutes (SESSION_TOUCH_INTERVAL). */
  lastUsedAt: number;
}

export type NewSession = Omit<SessionRecord, "accountId" | "lastUsedAt">;

/** What a session check writes when the session's last use is older than `staleBefore`: the time of use and the idle expiry it moves to. */
export interface SessionTouch {
  staleBefore: number;
  idleExpiresAt: number;
}

/** Which of an account's sessions to end. */
export type SessionSelection = { only: string } | { except: string } | "all";

/** A change of address as the store finds it by its link. */
export type EmailChangeState = { status: "valid"; newEmail: string; currentEmail: string; expiresAt: number } | { status: TokenFailure };

export type EmailChangeRequest = { ok: true } | { ok: false; reason: "rate_limited"; retryAt: number } | { ok: false; reason: "no_account" };

/** Using a change-of-address link: the account at its new address, or why not ("taken": another account has that address now). */
export type EmailChangeConfirmation = { ok: true; account: Account; previousEmail: string } | { ok: false; reason: TokenFailure | "taken" };

/** What deleting an account removed, for the log. */
export type AccountDeletion = { ok: true; account: Account; sessions: number } | { ok: false; reason: "no_account" };

/** Why a link token cannot be used. `denied`: its holder answered "Not me" on another device. */
export type TokenFailure = "invalid" | "expired" | "used" | "denied";

export type LinkTokenState =
  | {
      status: "valid";
      kind: LinkKind;
      email: string;
      expiresAt: number;
      createdAt: number;
      /** The hash of the asking browser's pending secret, when the request came from a browser. */
      pendingHash: string | null;
      /** The asking browser's User-Agent, for the approval page. */
      requestedBy: string | null;
      /** The asking browser's network, masked (203.0.113.x), for the approval page. */
      requestedFrom: string | null;
    }
  | { status: TokenFailure }
  /** A sign-up link whose address has gained an account since it was sent. */
  | { status: "account_exists"; email: string };

export type CreatedLink =
  /** `decoy`: sign-ups are closed and the address has no account; stored (and charged) like a link, never mailed, never usable. */
  | { ok: true; kind: "signup"; email: string; decoy?: true }
  | { ok: true; kind: "login"; email: string; accountId: string }
  /** A rate limit refused the request: nothing was stored. */
  | { ok: false; reason: "rate_limited"; retryAt: number };

/**
 * One rate limit to charge a link request to, as a generic cell rate algorithm:
 * each request moves the key's theoretical arrival time (TAT) on by `interval`; a
 * request is allowed while TAT minus `tolerance` has not passed `now`. For "N per
 * period", interval = period / N and tolerance = period − interval: N at once, then
 * one every interval.
 */
export interface RateLimitCharge {
  key: string;
  interval: number;
  tolerance: number;
}

/** A request from a browser: proof it is that browser, and the code mailed with the link. */
export interface PendingRequest {
  pendingHash: string;
  /** SHA-256 of the pending secret and the code together: worthless without the secret. */
  codeHash: string;
  /** SHA-256 of the link's token and the number the asking browser shows: an approval must type it (S26). */
  approvalHash: string;
  requestedBy: string | null;
  /** The asking browser's network, masked (203.0.113.x). */
  requestedFrom: string | null;
  /** Until when the code and an approval work; the link's own expiry when later. */
  expiresAt: number;
}

/**
 * Wrong codes and approval numbers per canonical address, over all its links (S27): a
 * generic cell rate, like RateLimitCharge, keyed by the address the link was sent to.
 */
export interface GuessCap {
  interval: number;
  tolerance: number;
}

/** Too many wrong guesses for the address, over all its links: none is checked until `retryAt` (S27). */
export type GuessesLocked = { ok: false; reason: "locked"; retryAt: number; accountId: string | null };

export type CodeRedemption =
  | { ok: true; kind: "login"; account: Account }
  /** A sign-up code: the details form may now be sent from this browser. */
  | { ok: true; kind: "signup"; email: string }
  | { ok: false; reason: "no_request" }
  | { ok: false; reason: "expired" | "used" | "denied" | "too_many_attempts"; accountId: string | null }
  | { ok: false; reason: "wrong_code"; attemptsLeft: number; accountId: string | null }
  | GuessesLocked;

export type ApprovalClaim = { ok: true; account: Account } | { ok: false; reason: "waiting" | "denied" | "expired" | "used" | "none" };

export type Approval =
  | { ok: true; accountId: string }
  | { ok: false; reason: TokenFailure }
  /** The number typed is not the one the asking browser shows; after the last attempt the request dies. */
  | { ok: false; reason: "wrong_number"; attemptsLeft: number; accountId: string }
  | { ok: false; reason: "too_many_attempts"; accountId: string }
  | GuessesLocked;

/** Which link a sign-up completes: by its token, or by the asking browser after its code was entered. */
export type SignupKey = { tokenHash: string } | { pendingHash: string };

export type Redemption =
  { ok: true; account: Account } | { ok: false; reason: TokenFailure; accountId?: string } | { ok: false; reason: "account_exists"; email: string };

export interface LinkRedemptionInput {
  tokenHash: string;
  now: number;
  session: NewSession;
  replacedSessionHash?: string | undefined;
  pendingHash?: string | undefined;
  /** Events this step writes when it happens. */
  events?: readonly AccountEventEntry[] | undefined;
}

export type LoginRedemption =
  | Redemption
  /** Redeemed with `pendingHash` by another browser than the one that asked: still usable, with a confirmation. */
  | { ok: false; reason: "not_this_browser"; link: Extract<LinkTokenState, { status: "valid" }> };

/**
 * A key that signs access tokens (core/tokens). Generations count up from 1 and are
 * unique, so two instances adding "the next key" at once end with one of them.
 */
export interface SigningKeyRecord {
  generation: number;
  kid: string;
  /** The public JWK, as JSON. */
  publicJwk: string;
  /** The private JWK sealed under the secret (core/mail/seal.ts), bound to the kid. */
  privateSealed: string;
  /** From when it signs; until then it is only announced in the JWKS. */
  activatesAt: number;
  createdAt: number;
}
