/**
 * Links as SQL: stored with their rate limits and mail in one batch, read, redeemed for a
 * login or a sign-up, and refused ("Not me").
 *
 * Statements inside a batch cannot branch on each other's results, so a redemption marks
 * its link with the new session's hash, and the statements after it act only on rows
 * carrying that hash: if the link was already used, expired, or unknown, the first
 * statement changes nothing and neither do the rest. The batch's last statement reads the
 * link back, so a failure is explained from the same round trip.
 */
import { classifyLink, failureOf, loginFailureOf, type LinkFacts } from "../core/links/link-state.js";
import type {
  CreatedLink,
  LinkKind,
  LinkRedemptionInput,
  LoginRedemption,
  NewSession,
  OutboxEntry,
  PendingRequest,
  RateLimitCharge,
  Redemption,
  SignupKey,
  TokenFailure,
} from "../core/ports.js";
import { ACCOUNT_COLUMNS, toAccount } from "./account-row.js";
import { sql, type Row, type SqlStatement } from "./executor.js";
import { insertSession, sessionValues } from "./session-sql.js";
import { chargeLimits, LIMITS_ALLOW, limitsParams, limitsTable, lockLimits, text } from "./rate-limit-sql.js";

/** A link row's facts, with whether its address has an account now. */
export const LINK_COLUMNS = `t.kind, t.email, t.account_id AS link_account, t.created_at, t.expires_at, t.used_at, t.denied_at, t.pending_hash,
  t.requested_by, t.requested_from, t.decoy, (SELECT count(*) FROM accounts a WHERE a.email = t.email) AS has_account`;

export function toLinkFacts(row: Row | undefined): LinkFacts | undefined {
  if (!row) return undefined;
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  const time = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return {
    kind: String(row.kind),
    email: String(row.email),
    accountId: text(row.link_account),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    usedAt: time(row.used_at),
    deniedAt: time(row.denied_at),
    pendingHash: text(row.pending_hash),
    requestedBy: text(row.requested_by),
    requestedFrom: text(row.requested_from),
    decoy: Number(row.decoy ?? 0) === 1,
    hasAccount: Number(row.has_account) > 0,
  };
}

export interface CreateLinkInput {
  email: string;
  tokenHash: string;
  now: number;
  signupExpiresAt: number;
  loginExpiresAt: number;
  limits?: readonly RateLimitCharge[] | undefined;
  pending?: PendingRequest | undefined;
  mail?: OutboxEntry | undefined;
  signupClosed?: boolean | undefined;
}

/**
 * Looks the address up and stores a sign-up or login link for it, if no limit is
 * exhausted; charges the limits only if it was stored; queues its mail with it. With
 * `interleaves` (PostgreSQL), each limit's row is locked first.
 */
export function createLinkStatements(input: CreateLinkInput, interleaves: boolean): SqlStatement[] {
  const limits = input.limits ?? [];
  const { pending, mail } = input;
  const base = [
    input.tokenHash,
    input.email,
    input.now,
    input.signupExpiresAt,
    input.loginExpiresAt,
    pending?.pendingHash ?? null,
    pending?.codeHash ?? null,
    pending?.requestedBy ?? null,
    pending?.approvalHash ?? null,
    pending?.requestedFrom ?? null,
    pending?.expiresAt ?? null,
    input.signupClosed ? 1 : 0,
  ];
  const count = limits.length;
  const lock = count > 0 && interleaves;
  return [
    ...(lock ? [lockLimits(limits)] : []),
    {
      sql: text(
        `insert token, ${count} limits`,
        () => `${count > 0 ? limitsTable(count, base.length + 1) : ""}
        INSERT INTO link_tokens (token_hash, kind, email, account_id, created_at, expires_at, pending_hash, code_hash, requested_by,
                                 approval_hash, requested_from, pending_expires_at, decoy)
        SELECT CAST(?1 AS TEXT), CASE WHEN a.id IS NULL THEN 'signup' ELSE 'login' END, wanted.email, a.id, CAST(?3 AS BIGINT),
               CASE WHEN a.id IS NULL THEN CAST(?4 AS BIGINT) ELSE CAST(?5 AS BIGINT) END,
               -- a decoy keeps no code or approval that could ever match: every guess is wrong, as at a real request
               CAST(?6 AS TEXT), CASE WHEN a.id IS NULL AND CAST(?12 AS INTEGER) = 1 THEN NULL ELSE CAST(?7 AS TEXT) END, CAST(?8 AS TEXT),
               CASE WHEN a.id IS NULL AND CAST(?12 AS INTEGER) = 1 THEN NULL ELSE CAST(?9 AS TEXT) END, CAST(?10 AS TEXT),
               -- the code and an approval end with the link, or sooner when the request says so
               CASE WHEN CAST(?11 AS BIGINT) IS NULL THEN NULL
                    WHEN a.id IS NULL AND CAST(?4 AS BIGINT) < CAST(?11 AS BIGINT) THEN CAST(?4 AS BIGINT)
                    WHEN a.id IS NOT NULL AND CAST(?5 AS BIGINT) < CAST(?11 AS BIGINT) THEN CAST(?5 AS BIGINT)
                    ELSE CAST(?11 AS BIGINT) END,
               CASE WHEN a.id IS NULL THEN CAST(?12 AS INTEGER) ELSE 0 END
        FROM (SELECT CAST(?2 AS TEXT) AS email) AS wanted LEFT JOIN accounts a ON a.email = wanted.email
        ${count > 0 ? LIMITS_ALLOW : ""}
        RETURNING kind, email, account_id, decoy`,
      ),
      params: [...base, ...limitsParams(limits)],
    },
    ...(count > 0 ? chargeLimits(limits, input.tokenHash, input.now, lock) : []),
    // The mail goes to the address and kind the link row holds, and exists only if the link does.
    ...(mail
      ? [
          sql(
            `INSERT INTO mail_outbox (id, token_hash, kind, recipient, sealed, created_at, expires_at, attempts, next_attempt_at, lease_owner, lease_until)
             SELECT ?1, token_hash, kind, email, ?2, created_at, expires_at, 1, ?3, ?4, ?5 FROM link_tokens WHERE token_hash = ?6 AND decoy = 0`,
            mail.id,
            mail.sealed,
            mail.nextAttemptAt,
            mail.leaseOwner,
            mail.leaseUntil,
            input.tokenHash,
          ),
        ]
      : []),
  ];
}

export function readCreatedLink(results: Row[][], input: CreateLinkInput, interleaves: boolean): CreatedLink {
  const offset = (input.limits?.length ?? 0) > 0 && interleaves ? 1 : 0;
  const row = results[offset]?.[0];
  if (!row) return { ok: false, reason: "rate_limited", retryAt: Number(results[offset + 2]?.[0]?.retry_at ?? input.now) };
  if (row.kind === "login") return { ok: true, kind: "login", email: String(row.email), accountId: String(row.account_id) };
  return Number(row.decoy) === 1 ? { ok: true, kind: "signup", email: String(row.email), decoy: true } : { ok: true, kind: "signup", email: String(row.email) };
}

export function inspectStatement(tokenHash: string): SqlStatement {
  return sql(`SELECT ${LINK_COLUMNS} FROM link_tokens t WHERE t.token_hash = ?1`, tokenHash);
}

/** A link used by its holder ends a lock on guessing for its address (S27); a code or approval does not. */
function liftGuessLock(column: "token_hash", key: string, session: string): SqlStatement {
  return sql(
    `DELETE FROM rate_limits WHERE key = (SELECT 'guesses:' || t.email FROM link_tokens t WHERE t.${column} = ?1 AND t.session_hash = ?2)`,
    key,
    session,
  );
}

/** The link after the batch, with the session this request may have made and its account. */
function readBack(column: string, key: string, session: string): SqlStatement {
  return sql(
    `SELECT ${LINK_COLUMNS}, CASE WHEN t.session_hash = ?2 THEN 1 ELSE 0 END AS matched, ${ACCOUNT_COLUMNS}
     FROM link_tokens t LEFT JOIN sessions s ON s.id_hash = ?2 LEFT JOIN accounts a ON a.id = s.account_id
     WHERE t.${column} = ?1`,
    key,
    session,
  );
}

/** Marks a login link used and starts its session; with `pendingHash`, only for that browser. */
export function redeemLoginStatements(input: LinkRedemptionInput, replaced: SqlStatement[]): SqlStatement[] {
  const { tokenHash, now, session, pendingHash } = input;
  const forBrowser = pendingHash === undefined ? "" : "AND pending_hash = ?4";
  return [
    sql(
      `UPDATE link_tokens SET used_at = ?2, session_hash = ?3
       WHERE token_hash = ?1 AND kind = 'login' AND used_at IS NULL AND expires_at > ?2 ${forBrowser}`,
      tokenHash,
      now,
      session.idHash,
      ...(pendingHash === undefined ? [] : [pendingHash]),
    ),
    sql(`${insertSession("t.account_id")} FROM link_tokens t WHERE t.token_hash = ?7 AND t.session_hash = ?1`, ...sessionValues(session), tokenHash),
    ...replaced,
    liftGuessLock("token_hash", tokenHash, session.idHash),
    readBack("token_hash", tokenHash, session.idHash),
  ];
}

export function readLoginRedemption(row: Row | undefined, now: number): LoginRedemption {
  if (row && Number(row.matched) === 1) return { ok: true, account: toAccount(row) };
  const facts = toLinkFacts(row);
  const state = classifyLink(facts, "login", now);
  // Usable, but not by this browser: the caller shows the confirmation page instead.
  if (state.status === "valid") return { ok: false, reason: "not_this_browser", link: state };
  const failure = failureOf(state);
  return failure.reason !== "account_exists" && facts?.accountId != null && facts.kind === "login" ? { ...failure, accountId: facts.accountId } : failure;
}

export interface SignupInput {
  key: SignupKey;
  now: number;
  account: { id: string; name: string | null; profile: Record<string, string> };
  session: NewSession;
}

/** Which link a sign-up completes: by its token, or by the asking browser once its code was entered. */
function signupKey(key: SignupKey): { column: "token_hash" | "pending_hash"; value: string; condition: string } {
  return "tokenHash" in key
    ? { column: "token_hash", value: key.tokenHash, condition: "" }
    : { column: "pending_hash", value: key.pendingHash, condition: "AND code_verified_at IS NOT NULL" };
}

/** Marks a sign-up link used, creates its account (one per address) and starts its session. */
export function completeSignupStatements(input: SignupInput, replaced: SqlStatement[]): SqlStatement[] {
  const { now, session, account } = input;
  const { column, value, condition } = signupKey(input.key);
  return [
    sql(
      `UPDATE link_tokens SET used_at = ?2, session_hash = ?3
       WHERE ${column} = ?1 ${condition} AND kind = 'signup' AND decoy = 0 AND used_at IS NULL AND expires_at > ?2
         AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.email = link_tokens.email)`,
      value,
      now,
      session.idHash,
    ),
    sql(
      `INSERT INTO accounts (id, email, name, profile, created_at)
       SELECT ?1, t.email, ?2, ?3, ?4 FROM link_tokens t WHERE t.${column} = ?5 AND t.session_hash = ?6`,
      account.id,
      account.name,
      JSON.stringify(account.profile),
      now,
      value,
      session.idHash,
    ),
    ...(column === "token_hash" ? [liftGuessLock("token_hash", value, session.idHash)] : []),
    sql(`${insertSession("a.id")} FROM accounts a WHERE a.id = ?7`, ...sessionValues(session), account.id),
    ...replaced,
    readBack(column, value, session.idHash),
  ];
}

export function readSignup(row: Row | undefined, now: number): Redemption {
  if (row && Number(row.matched) === 1) return { ok: true, account: toAccount(row) };
  return failureOf(classifyLink(toLinkFacts(row), "signup", now));
}

/** After a sign-up batch rolled back on a unique violation (another sign-up won): why, read alone. */
export function signupLinkStatement(key: SignupKey): SqlStatement {
  const { column, value } = signupKey(key);
  return sql(`SELECT ${LINK_COLUMNS} FROM link_tokens t WHERE t.${column} = ?1`, value);
}

/**
 * "Not me": the link and its request die, of either kind; the link read back tells why
 * when it could not. A sign-up link whose address has an account by now is used up anyway.
 */
export function denyStatements(tokenHash: string, now: number): SqlStatement[] {
  return [
    sql(
      `UPDATE link_tokens SET denied_at = ?2, used_at = ?2
       WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2 RETURNING kind, account_id`,
      tokenHash,
      now,
    ),
    inspectStatement(tokenHash),
  ];
}

export function readDenial(results: Row[][], now: number): { ok: true; kind: LinkKind; accountId: string | null } | { ok: false; reason: TokenFailure } {
  const denied = results[0]?.[0];
  if (denied) return { ok: true, kind: denied.kind === "login" ? "login" : "signup", accountId: denied.account_id === null ? null : String(denied.account_id) };
  const facts = toLinkFacts(results[1]?.[0]);
  return loginFailureOf(classifyLink(facts, facts?.kind === "signup" ? "signup" : "login", now));
}
