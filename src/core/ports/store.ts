/** The store the core is handed: every step one atomic batch, one round trip. */
import type { MailSettlement, NoticeEntry, OutboxEntry, QueuedMail } from "./outbox.js";
import type { AccountEvent, AccountEventEntry, QueuedWebhook, WebhookSettlement } from "./events.js";
import type { OutboxStats } from "./runtime.js";
import type {
  AccountDeletion,
  EmailChangeConfirmation,
  EmailChangeRequest,
  EmailChangeState,
  Account,
  Approval,
  ApprovalClaim,
  CodeRedemption,
  CreatedLink,
  GuessCap,
  LinkKind,
  LinkRedemptionInput,
  LinkTokenState,
  LoginRedemption,
  NewSession,
  PendingRequest,
  RateLimitCharge,
  Redemption,
  SessionRecord,
  SessionSelection,
  SessionTouch,
  SignupKey,
  SigningKeyRecord,
  TokenFailure,
} from "./records.js";

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
  /** Account events past their keeping time. */
  events: number;
  /** Set when `stop` ended the purge between two steps: rows may be left for the next one. */
  stopped?: true;
}

/**
 * Persistence. Every method that changes state is atomic and takes one database round
 * trip, and says why it failed from the same batch (only a sign-up that lost a race to
 * another for the same address reads once more, after its batch rolled back).
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
    /**
     * Sign-ups closed: an address with no account gets a decoy instead of a sign-up link,
     * stored and charged alike but never mailed, with no code or approval that can match.
     */
    signupClosed?: boolean;
  }): Promise<CreatedLink>;
  /**
   * Takes a lease on up to `limit` mails that are due, for `owner`, and in the same step
   * drops the unleased ones whose link has expired. A mail under someone else's live
   * lease is never claimed, so two deliverers never send the same mail.
   */
  claimMail(input: { owner: string; now: number; leaseUntil: number; limit: number }): Promise<{ claimed: QueuedMail[]; dropped: number }>;
  /** Records outcomes for mails `owner` still holds under the same claim; returns how many were recorded. */
  settleMail(owner: string, settlements: readonly MailSettlement[]): Promise<number>;
  /** The sign-up link a completion would use (by its token, or by the browser that entered its code), read without changing it. */
  inspectSignupLink(key: SignupKey, now: number): Promise<LinkTokenState>;
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
    /** Events this step writes when it happens (account events, webhooks). */
    events?: readonly AccountEventEntry[] | undefined;
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
    /** Events this step writes when it happens (account events, webhooks). */
    events?: readonly AccountEventEntry[] | undefined;
  }): Promise<ApprovalClaim>;
  /** Marks a sign-up token used, creates its account and starts a session, at most once per address. */
  completeSignup(input: {
    key: SignupKey;
    now: number;
    account: { id: string; name: string | null; profile: Record<string, string> };
    session: NewSession;
    replacedSessionHash?: string | undefined;
    /** Events this step writes when it happens (account events, webhooks). */
    events?: readonly AccountEventEntry[] | undefined;
  }): Promise<Redemption>;
  /**
   * The live session with this hash and its account, or null. With `touch`, a session last
   * used before `touch.staleBefore` is marked used now and its idle expiry moved (never past
   * the absolute one), in the same round trip; the answer shows the session after it.
   */
  findSession(idHash: string, now: number, touch?: SessionTouch): Promise<{ session: SessionRecord; account: Account } | null>;
  deleteSession(idHash: string, events?: readonly AccountEventEntry[]): Promise<void>;
  /** The account's live sessions, the most recently used first. */
  listSessions(accountId: string, now: number): Promise<SessionRecord[]>;
  /** Ends the account's sessions chosen (one, all but one, or all); how many ended. */
  deleteSessions(accountId: string, which: SessionSelection, events?: readonly AccountEventEntry[]): Promise<number>;
  /** The account by its id or its canonical address, or null. */
  findAccount(key: { id: string } | { email: string }): Promise<Account | null>;
  /** Accounts in address order after `after`, those whose address contains `search` when given; for operators. */
  listAccounts(input: { search?: string | undefined; after?: string | undefined; limit: number }): Promise<Account[]>;
  /** Replaces the account's name and sign-up fields; the account as it now is, or null when it is gone. */
  updateProfile(accountId: string, name: string | null, profile: Record<string, string>): Promise<Account | null>;
  /**
   * Removes the account, its sessions, its links and every mail to its address, and queues
   * `notice` (to that address) in the same step.
   */
  deleteAccount(input: {
    accountId: string;
    now: number;
    notice?: NoticeEntry | undefined;
    events?: readonly AccountEventEntry[] | undefined;
  }): Promise<AccountDeletion>;
  /**
   * Stores a change-of-address link and queues its mail (to the new address), unless the
   * account asked for `perHour` changes in the hour before `now` already.
   */
  createEmailChange(input: {
    accountId: string;
    newEmail: string;
    tokenHash: string;
    now: number;
    expiresAt: number;
    perHour: number;
    mail: OutboxEntry;
  }): Promise<EmailChangeRequest>;
  /** Reads a change-of-address link without using it (mail scanners open links too). */
  inspectEmailChange(tokenHash: string, now: number): Promise<EmailChangeState>;
  /**
   * Uses the link, at most once: the account moves to the new address unless another
   * account has it; its links and the mail to its old address go, and `notice` is queued
   * to the old address, in the same step. `marker` is this request's own (random).
   */
  confirmEmailChange(input: {
    tokenHash: string;
    now: number;
    marker: string;
    notice: NoticeEntry;
    events?: readonly AccountEventEntry[] | undefined;
  }): Promise<EmailChangeConfirmation>;
  /** The account's events, newest first; `before` (the last event of the page before) pages back. */
  listEvents(input: { accountId: string; limit: number; before?: { at: number; id: string } | undefined }): Promise<AccountEvent[]>;
  /** Leases up to `limit` due webhook deliveries to `owner`, each with its event: one round trip. */
  claimWebhooks(input: { owner: string; now: number; leaseUntil: number; limit: number }): Promise<QueuedWebhook[]>;
  /** Records outcomes for deliveries `owner` still holds under the same claim; how many were recorded. */
  settleWebhooks(owner: string, settlements: readonly WebhookSettlement[]): Promise<number>;
  /** Every signing key not yet purged, oldest generation first. */
  listSigningKeys(): Promise<SigningKeyRecord[]>;
  /**
   * Adds the key unless its generation is taken (another instance added one first), and
   * answers every key as the database then holds them: one round trip.
   */
  addSigningKey(key: SigningKeyRecord): Promise<SigningKeyRecord[]>;
  /**
   * Deletes tokens, sessions and rate-limit counters that expired before `before`, and signing keys retired before it,
   * in bounded steps, each atomic; once `stop.aborted` is true (an AbortSignal's, or any such flag), no further
   * step starts (what was deleted is counted).
   */
  purgeExpired(before: number, eventsBefore?: number, stop?: { readonly aborted: boolean }): Promise<PurgeCounts>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  /** The mail waiting in the outbox at `now`: for metrics. */
  outboxStats(now: number): Promise<OutboxStats>;
  /** The newest schema version applied to the database, and the newest this code knows: for readiness. */
  checkSchema(): Promise<{ current: number; latest: number }>;
  /** Checks the database for states no sequence of Sesame's steps can leave behind; [] when all hold. */
  findInvariantViolations(): Promise<InvariantViolation[]>;
}
