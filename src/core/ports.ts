/**
 * The small interfaces the core is handed. Everything here is plain data and Web
 * APIs, so the same core runs on Node, workerd, Deno and Bun.
 */

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
}

export type NewSession = Omit<SessionRecord, "accountId">;

/** Why a link token cannot be used. */
export type TokenFailure = "invalid" | "expired" | "used";

export type LinkTokenState =
  | { status: "valid"; kind: LinkKind; email: string; expiresAt: number }
  | { status: TokenFailure }
  /** A sign-up link whose address has gained an account since it was sent. */
  | { status: "account_exists"; email: string };

export type CreatedLink =
  | { created: true; kind: "signup"; email: string }
  | { created: true; kind: "login"; email: string; accountId: string }
  /** A rate limit refused the request: nothing was stored. */
  | { created: false; retryAt: number };

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

export interface PurgeCounts {
  linkTokens: number;
  sessions: number;
  rateLimits: number;
}

export type Redemption =
  | { ok: true; account: Account }
  | { ok: false; reason: TokenFailure }
  | { ok: false; reason: "account_exists"; email: string };

/**
 * Persistence. Every method that changes state is atomic and takes one database
 * round trip on its success path; a failure path may take one more to explain itself.
 * Times are milliseconds since the epoch, always passed in (the store has no clock).
 */
export interface Store {
  /**
   * Checks the rate limits, looks the address up and stores a sign-up or a login
   * token for it, all in one step. Limits are charged only when the token is stored.
   */
  createLinkToken(input: {
    email: string;
    tokenHash: string;
    now: number;
    signupExpiresAt: number;
    loginExpiresAt: number;
    limits?: readonly RateLimitCharge[];
  }): Promise<CreatedLink>;
  /** Forgets a token whose mail could not be sent. */
  deleteLinkToken(tokenHash: string): Promise<void>;
  /** Reads a token's state without changing it (links opened by people and scanners alike). */
  inspectLinkToken(tokenHash: string, kind: LinkKind, now: number): Promise<LinkTokenState>;
  /** Marks a login token used and starts a session, at most once per token. */
  redeemLoginToken(input: {
    tokenHash: string;
    now: number;
    session: NewSession;
    replacedSessionHash?: string | undefined;
  }): Promise<Redemption>;
  /** Marks a sign-up token used, creates its account and starts a session, at most once per address. */
  completeSignup(input: {
    tokenHash: string;
    now: number;
    account: { id: string; name: string | null; profile: Record<string, string> };
    session: NewSession;
    replacedSessionHash?: string | undefined;
  }): Promise<Redemption>;
  /** The live session with this hash and its account, or null. */
  findSession(idHash: string, now: number): Promise<{ session: SessionRecord; account: Account } | null>;
  extendSession(idHash: string, idleExpiresAt: number): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Deletes tokens, sessions and rate-limit counters that expired before `before`. */
  purgeExpired(before: number): Promise<PurgeCounts>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
}

export interface MailMessage {
  to: string;
  kind: LinkKind;
  subject: string;
  text: string;
  html: string;
  /** The link the message carries. */
  url: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Milliseconds since the epoch. */
export type Clock = () => number;

/** Fills the array with cryptographically strong random bytes and returns it. */
export type RandomSource = (bytes: Uint8Array) => Uint8Array;

export interface LogRecord {
  level: "info" | "warn" | "error";
  event: string;
  [field: string]: unknown;
}

export type Logger = (record: LogRecord) => void;
