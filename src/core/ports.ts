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
  | { ok: true; kind: "signup"; email: string }
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

/** A rule the database breaks, how often, and one offending row's key for a start. */
export interface InvariantViolation {
  invariant: string;
  count: number;
  example: string | null;
}

export interface PurgeCounts {
  linkTokens: number;
  sessions: number;
  rateLimits: number;
  /** Outbox rows delivered or dropped (and any whose link expired before the purge horizon). */
  mails: number;
}

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

/** What became of a claimed mail; recorded only while the deliverer still holds its lease. */
/**
 * The outcome of one try. `attempts` names the claim it settles (each claim counts one
 * more): a try that outlived its lease, and was claimed again since, records nothing.
 */
export type MailSettlement =
  | { id: string; attempts: number; outcome: "delivered"; at: number }
  | { id: string; attempts: number; outcome: "retry"; at: number; nextAttemptAt: number; error: string }
  | { id: string; attempts: number; outcome: "dropped"; at: number; reason: string };

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

/** A login notice, queued in the same step as the login it tells of (S26). */
export interface NoticeEntry extends OutboxEntry {
  /** A notice not sent by then is dropped. */
  expiresAt: number;
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

export type ApprovalClaim =
  | { ok: true; account: Account }
  | { ok: false; reason: "waiting" | "denied" | "expired" | "used" | "none" };

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
  | { ok: true; account: Account }
  | { ok: false; reason: TokenFailure; accountId?: string }
  | { ok: false; reason: "account_exists"; email: string };

export interface LinkRedemptionInput {
  tokenHash: string;
  now: number;
  session: NewSession;
  replacedSessionHash?: string | undefined;
  pendingHash?: string | undefined;
}

export type LoginRedemption =
  | Redemption
  /** Redeemed with `pendingHash` by another browser than the one that asked: still usable, with a confirmation. */
  | { ok: false; reason: "not_this_browser"; link: Extract<LinkTokenState, { status: "valid" }> };

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
    pending?: PendingRequest;
    /** The link's mail, queued in the same step (and only if the token is stored). */
    mail?: OutboxEntry;
  }): Promise<CreatedLink>;
  /**
   * Takes a lease on up to `limit` mails that are due, for `owner`, and in the same step
   * drops the unleased ones whose link has expired. A mail under someone else's live
   * lease is never claimed, so two deliverers never send the same mail.
   */
  claimMail(input: { owner: string; now: number; leaseUntil: number; limit: number }): Promise<{ claimed: QueuedMail[]; dropped: number }>;
  /** Records outcomes for mails `owner` still holds under the same claim; returns how many were recorded. */
  settleMail(owner: string, settlements: readonly MailSettlement[]): Promise<number>;
  /** Reads a token's state without changing it (links opened by people and scanners alike). */
  inspectLinkToken(tokenHash: string, kind: LinkKind, now: number): Promise<LinkTokenState>;
  /**
   * Marks a login token used and starts a session, at most once per token; with
   * `pendingHash`, only for that browser. A failure says why from the same round trip.
   */
  redeemLoginToken(input: LinkRedemptionInput): Promise<LoginRedemption>;
  /**
   * Checks a code typed in the browser that asked, counting wrong guesses: at most
   * `maxAttempts` per link and, with `guessCap`, a cap per address over all its links.
   * Past the cap every pending code and approval for the address dies. A login by code
   * queues `notice` in the same step.
   */
  redeemCode(input: {
    pendingHash: string;
    codeHash: string;
    now: number;
    maxAttempts: number;
    /** Wrong approval numbers allowed per link: a request killed past the cap gets this many. */
    maxApprovalAttempts: number;
    guessCap?: GuessCap | undefined;
    session: NewSession;
    replacedSessionHash?: string | undefined;
    notice?: NoticeEntry | undefined;
  }): Promise<CodeRedemption>;
  /**
   * Marks a login link approved from another device, for the asking browser to claim,
   * if `approvalHash` matches the number that browser shows. A wrong number counts an
   * attempt (per link, and per address with `guessCap`); after `maxAttempts` the request
   * dies. `guessHash`: a fresh value per call, tying its wrong guess to its charge.
   */
  approveLogin(input: {
    tokenHash: string;
    approvalHash: string;
    now: number;
    maxAttempts: number;
    guessCap?: GuessCap | undefined;
    guessHash: string;
    /** Wrong codes allowed per link: a request killed past the cap gets this many. */
    maxCodeAttempts: number;
  }): Promise<Approval>;
  /**
   * "Not me": the link and its request die, a sign-up link as a login link (so that a
   * denial tells the asker nothing about whether the address has an account).
   */
  denyLink(tokenHash: string, now: number): Promise<{ ok: true; kind: LinkKind; accountId: string | null } | { ok: false; reason: TokenFailure }>;
  /** The asking browser collects an approved login: a session, at most once, and its notice queued with it. */
  claimApproval(input: {
    pendingHash: string;
    now: number;
    session: NewSession;
    replacedSessionHash?: string | undefined;
    notice?: NoticeEntry | undefined;
  }): Promise<ApprovalClaim>;
  /** Marks a sign-up token used, creates its account and starts a session, at most once per address. */
  completeSignup(input: {
    key: SignupKey;
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
  /** Checks the database for states no sequence of Sesame's steps can leave behind; [] when all hold. */
  findInvariantViolations(): Promise<InvariantViolation[]>;
}

/** What a mail is for: a sign-up or login link, or a notice of a login by code or approval. */
export type MailKind = LinkKind | "notice";

export interface MailMessage {
  to: string;
  kind: MailKind;
  subject: string;
  text: string;
  html: string;
  /** The link the message carries (for a notice: the page to start from). */
  url: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** What a mail says, for the renderer: the core decides the facts, the renderer the words and the look. */
export type MailContent =
  | {
      kind: LinkKind;
      to: string;
      url: string;
      /** How long the link has left as the mail goes out (not its whole lifetime: a mail may go late). */
      timeLeft: number;
      /** The code to type in the asking browser, when the link was asked for from one. */
      code?: string | undefined;
    }
  | {
      kind: "notice";
      to: string;
      /** The page to start from. */
      url: string;
      method: "code" | "approval";
      at: number;
      device: string;
      network: string | null;
    };

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Turns what a mail says into its subject, text and HTML: the port the core renders mail through. */
export type RenderMail = (content: MailContent) => RenderedMail;

/** Milliseconds since the epoch. */
export type Clock = () => number;

/** SHA-256 of a UTF-8 string, as base64url: how every secret is stored. */
export type Sha256 = (text: string) => string | Promise<string>;

/** Fills the array with cryptographically strong random bytes and returns it. */
export type RandomSource = (bytes: Uint8Array) => Uint8Array;

export interface LogRecord {
  level: "info" | "warn" | "error";
  event: string;
  [field: string]: unknown;
}

export type Logger = (record: LogRecord) => void;
