/**
 * The statements of a request made from a browser and finished elsewhere: the code typed
 * in the asking browser, the approval from another device with the number that browser
 * shows, and the asking browser collecting that approval. Each is one batch, and each
 * reads its own outcome in its last statement.
 *
 * Guesses (wrong codes, wrong approval numbers) are counted per link and per address
 * (S27). A wrong guess marks its link row with a value fresh to the request (`guess_hash`),
 * and the per-address charge acts only on the row carrying that mark: statements in a
 * batch cannot see each other's row counts, so the mark carries "this request guessed
 * wrong" from one statement to the next.
 */
import { approvalOutcome, claimOutcome, codeOutcome, type AttemptLimits, type PendingFacts } from "../core/cross-device/outcomes.js";
import type { Approval, ApprovalClaim, CodeRedemption, GuessCap, NewSession, NoticeEntry } from "../core/ports.js";
import { ACCOUNT_COLUMNS, toAccount } from "./account-row.js";
import { sql, type Row, type SqlStatement, type SqlValue } from "./executor.js";
import { insertSessionFor } from "./session-sql.js";
import { INSERT_OUTBOX, noticeValues } from "./outbox-sql.js";

export type { AttemptLimits };

/** Until when a request's code and approval work: its own limit, else (rows from before it existed) the link's expiry. */
const PENDING_UNTIL = `COALESCE(t.pending_expires_at, t.expires_at)`;
const PENDING_UNTIL_HERE = `COALESCE(pending_expires_at, expires_at)`;

/** The per-address guess counter's key, from a link row's address. */
const guessKey = (email: string) => `'guesses:' || ${email}`;

/** True while the address has used up its guesses, with `now` and the cap's tolerance as parameters. */
function locked(email: string, now: string, tolerance: string): string {
  return `EXISTS (SELECT 1 FROM rate_limits g WHERE g.key = ${guessKey(email)} AND g.tat - ${tolerance} > ${now})`;
}

/** When the address may guess again (a time in the past when it may now), or NULL without a counter. */
function unlocksAt(tolerance: string): string {
  return `(SELECT g.tat - CAST(${tolerance} AS BIGINT) FROM rate_limits g WHERE g.key = ${guessKey("t.email")})`;
}

/**
 * Takes the address's counter row lock before anything is checked, so that under
 * PostgreSQL's read committed two guesses at once are counted one after the other
 * (a SQLite batch already holds the write lock, so there this is left out).
 */
function lockGuesses(column: string, key: string): SqlStatement {
  return sql(
    `INSERT INTO rate_limits (key, tat) SELECT ${guessKey("email")}, 0 FROM link_tokens WHERE ${column} = ?1
     ON CONFLICT (key) DO UPDATE SET tat = rate_limits.tat`,
    key,
  );
}

/** Charges the address one guess if this request marked its link as guessed wrong. */
function chargeGuess(column: string, key: string, mark: string, now: number, cap: GuessCap): SqlStatement {
  return sql(
    `INSERT INTO rate_limits (key, tat)
     SELECT ${guessKey("t.email")}, CAST(?3 AS BIGINT) + CAST(?4 AS BIGINT) FROM link_tokens t WHERE t.${column} = ?1 AND t.guess_hash = ?2
     ON CONFLICT (key) DO UPDATE SET tat = CASE WHEN rate_limits.tat > ?3 THEN rate_limits.tat ELSE ?3 END + ?4`,
    key,
    mark,
    now,
    cap.interval,
  );
}

/** Past the cap, every code and approval still pending for the address dies. */
function killPending(column: string, key: string, now: number, cap: GuessCap, limits: AttemptLimits): SqlStatement {
  return sql(
    `UPDATE link_tokens SET code_attempts = CAST(?2 AS INTEGER), approval_attempts = CAST(?3 AS INTEGER)
     WHERE email = (SELECT email FROM link_tokens WHERE ${column} = ?1) AND pending_hash IS NOT NULL
       AND used_at IS NULL AND code_verified_at IS NULL AND approved_at IS NULL
       AND ${locked("link_tokens.email", "?4", "?5")}`,
    key,
    limits.code,
    limits.approval,
    now,
    cap.tolerance,
  );
}

/** A login's notice, queued only if the login happened: its link row then carries the new session. */
function queueNotice(column: string, key: string, session: string, notice: NoticeEntry, now: number): SqlStatement {
  return sql(
    `${INSERT_OUTBOX} SELECT ?1, t.token_hash, 'notice', t.email, ?2, ?3, ?4, 1, ?5, ?6, ?7 FROM link_tokens t
     WHERE t.${column} = ?8 AND t.session_hash = ?9 AND t.kind = 'login'`,
    ...noticeValues(notice, now),
    key,
    session,
  );
}

interface Shared {
  now: number;
  limits: AttemptLimits;
  guessCap?: GuessCap | undefined;
  /** Batches can interleave (PostgreSQL): the guess counter's row is then locked first. */
  interleaves: boolean;
  /** The statement dropping the browser's earlier session, if any. */
  replaced: SqlStatement[];
}

export interface CodeBatch extends Shared {
  pendingHash: string;
  codeHash: string;
  session: NewSession;
  notice?: NoticeEntry | undefined;
}

/**
 * The right code uses a login link (and starts a session) or verifies a sign-up; a wrong
 * one counts an attempt. After too many wrong ones, or while the address is locked, even
 * the right code is refused. Parameters: ?1 pending hash, ?2 now, ?3 attempts allowed,
 * ?4 the new session (also the guess mark), then the code hash where needed, and last
 * the cap's tolerance where there is a cap (a SQLite client reads a gap in the numbers
 * as a parameter of its own, so every number up to the last must be used).
 */
export function redeemCodeStatements(input: CodeBatch): SqlStatement[] {
  const { pendingHash, now, limits, guessCap: cap, session } = input;
  const params = [pendingHash, now, limits.code, session.idHash];
  const tolerance = cap ? [cap.tolerance] : [];
  const open = (toleranceAt: string) => `used_at IS NULL AND code_verified_at IS NULL AND ${PENDING_UNTIL_HERE} > ?2 AND code_attempts < ?3
    ${cap ? `AND NOT ${locked("link_tokens.email", "?2", toleranceAt)}` : ""}`;
  return [
    ...(cap && input.interleaves ? [lockGuesses("pending_hash", pendingHash)] : []),
    sql(
      `UPDATE link_tokens SET session_hash = ?4,
         used_at = CASE WHEN kind = 'login' THEN ?2 ELSE used_at END,
         code_verified_at = CASE WHEN kind = 'signup' THEN ?2 ELSE code_verified_at END
       WHERE pending_hash = ?1 AND code_hash = ?5 AND ${open("?6")}`,
      ...params,
      input.codeHash,
      ...tolerance,
    ),
    insertSessionFor("pending_hash", pendingHash, session),
    ...input.replaced,
    ...(input.notice ? [queueNotice("pending_hash", pendingHash, session.idHash, input.notice, now)] : []),
    // A wrong guess: the link counts it, and marks itself for the charge to the address.
    sql(
      `UPDATE link_tokens SET code_attempts = code_attempts + 1, guess_hash = ?4
       WHERE pending_hash = ?1 AND ${open("?5")} AND (session_hash IS NULL OR session_hash <> ?4)`,
      ...params,
      ...tolerance,
    ),
    ...(cap ? [chargeGuess("pending_hash", pendingHash, session.idHash, now, cap), killPending("pending_hash", pendingHash, now, cap, limits)] : []),
    readBack("pending_hash", pendingHash, { session: session.idHash, mark: session.idHash, tolerance: cap?.tolerance }),
  ];
}

export function readCodeRedemption(row: Row | undefined, now: number, limits: AttemptLimits): CodeRedemption {
  return codeOutcome(toPendingFacts(row), now, limits);
}

export interface ApprovalBatch extends Omit<Shared, "replaced"> {
  tokenHash: string;
  approvalHash: string;
  /** Fresh per request: marks this request's wrong guess. */
  guessHash: string;
}

/**
 * An approval from another device: with the right number, the link is marked approved for
 * the asking browser to collect; a wrong one counts an attempt, and the last allowed one
 * kills the request. Parameters: ?1 token hash, ?2 now, ?3 attempts allowed, ?4 the
 * number's hash, then the guess mark where needed, and last the cap's tolerance.
 */
export function approveStatements(input: ApprovalBatch): SqlStatement[] {
  const { tokenHash, now, limits, guessCap: cap } = input;
  const params = [tokenHash, now, limits.approval, input.approvalHash];
  const tolerance = cap ? [cap.tolerance] : [];
  const open = (toleranceAt: string) => `kind = 'login' AND pending_hash IS NOT NULL AND used_at IS NULL AND approved_at IS NULL
    AND ${PENDING_UNTIL_HERE} > ?2 AND approval_attempts < ?3 ${cap ? `AND NOT ${locked("link_tokens.email", "?2", toleranceAt)}` : ""}`;
  return [
    ...(cap && input.interleaves ? [lockGuesses("token_hash", tokenHash)] : []),
    sql(`UPDATE link_tokens SET approved_at = ?2 WHERE token_hash = ?1 AND approval_hash = ?4 AND ${open("?5")}`, ...params, ...tolerance),
    sql(
      `UPDATE link_tokens SET approval_attempts = approval_attempts + 1, guess_hash = ?5,
         denied_at = CASE WHEN approval_attempts + 1 >= ?3 THEN ?2 ELSE denied_at END,
         used_at = CASE WHEN approval_attempts + 1 >= ?3 THEN ?2 ELSE used_at END
       WHERE token_hash = ?1 AND (approval_hash IS NULL OR approval_hash <> ?4) AND ${open("?6")}`,
      ...params,
      input.guessHash,
      ...tolerance,
    ),
    ...(cap ? [chargeGuess("token_hash", tokenHash, input.guessHash, now, cap), killPending("token_hash", tokenHash, now, cap, limits)] : []),
    readBack("token_hash", tokenHash, { number: input.approvalHash, mark: input.guessHash, tolerance: cap?.tolerance }),
  ];
}

export function readApproval(row: Row | undefined, now: number, limits: AttemptLimits): Approval {
  return approvalOutcome(toPendingFacts(row), now, limits);
}

export interface ClaimBatch {
  pendingHash: string;
  now: number;
  session: NewSession;
  notice?: NoticeEntry | undefined;
  replaced: SqlStatement[];
}

/** The asking browser collects an approved login: a session, at most once, with its notice. */
export function claimApprovalStatements(input: ClaimBatch): SqlStatement[] {
  const { pendingHash, now, session } = input;
  return [
    sql(
      `UPDATE link_tokens SET used_at = ?2, session_hash = ?3
       WHERE pending_hash = ?1 AND kind = 'login' AND approved_at IS NOT NULL AND used_at IS NULL AND ${PENDING_UNTIL_HERE} > ?2`,
      pendingHash,
      now,
      session.idHash,
    ),
    insertSessionFor("pending_hash", pendingHash, session),
    ...input.replaced,
    ...(input.notice ? [queueNotice("pending_hash", pendingHash, session.idHash, input.notice, now)] : []),
    readBack("pending_hash", pendingHash, { session: session.idHash }),
  ];
}

export function readApprovalClaim(row: Row | undefined, now: number): ApprovalClaim {
  return claimOutcome(toPendingFacts(row), now);
}

/**
 * The link after a step, read in the same batch: its facts, and whether this step's
 * session (`session`), number (`number`) or guess mark (`mark`) is the one it carries;
 * with a cap's `tolerance`, when the address may guess again.
 */
function readBack(
  column: "pending_hash" | "token_hash",
  key: string,
  mine: { session?: string; number?: string; mark?: string; tolerance?: number | undefined },
): SqlStatement {
  const params: SqlValue[] = [key];
  const param = (value: SqlValue) => `?${params.push(value)}`;
  const is = (expression: string, value: string | undefined) => (value === undefined ? "0" : `CASE WHEN ${expression} = ${param(value)} THEN 1 ELSE 0 END`);
  const matched = is("t.session_hash", mine.session);
  const numberRight = is("t.approval_hash", mine.number);
  const guessed = is("t.guess_hash", mine.mark);
  const unlocks = mine.tolerance === undefined ? "NULL" : unlocksAt(param(mine.tolerance));
  const session = mine.session === undefined ? "NULL" : param(mine.session);
  return sql(
    `SELECT t.kind, t.email, t.account_id AS link_account, t.used_at, t.denied_at, t.approved_at, t.pending_hash,
            ${PENDING_UNTIL} AS pending_until, t.code_attempts, t.approval_attempts,
            ${matched} AS matched, ${numberRight} AS number_right, ${guessed} AS guessed, ${unlocks} AS unlocks_at, ${ACCOUNT_COLUMNS}
     FROM link_tokens t LEFT JOIN sessions s ON s.id_hash = ${session} LEFT JOIN accounts a ON a.id = s.account_id
     WHERE t.${column} = ?1`,
    ...params,
  );
}

function toPendingFacts(row: Row | undefined): PendingFacts | undefined {
  if (!row) return undefined;
  const time = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return {
    kind: String(row.kind),
    email: String(row.email),
    accountId: row.link_account === null || row.link_account === undefined ? null : String(row.link_account),
    usedAt: time(row.used_at),
    deniedAt: time(row.denied_at),
    approvedAt: time(row.approved_at),
    pendingHash: row.pending_hash === null || row.pending_hash === undefined ? null : String(row.pending_hash),
    pendingUntil: Number(row.pending_until),
    codeAttempts: Number(row.code_attempts),
    approvalAttempts: Number(row.approval_attempts),
    matched: Number(row.matched) === 1,
    account: row.account_id === null || row.account_id === undefined ? null : toAccount(row),
    numberRight: Number(row.number_right) === 1,
    guessed: Number(row.guessed) === 1,
    unlocksAt: time(row.unlocks_at),
  };
}
