/**
 * The one Store, written once in SQL that SQLite, D1 and PostgreSQL all accept.
 * Each state change is one executor batch: one transaction, one round trip.
 *
 * Statements inside a batch cannot branch on each other's results, so a redemption
 * marks its token with the new session's hash, and the statements after it act only
 * on rows carrying that hash: if the token was already used, expired, or unknown,
 * the first statement changes nothing and neither do the rest.
 */
import { storeUnavailable } from "../core/errors.js";
import type {
  Account,
  Approval,
  ApprovalClaim,
  CodeRedemption,
  CreatedLink,
  InvariantViolation,
  LoginRedemption,
  LinkKind,
  LinkTokenState,
  MailSettlement,
  PurgeCounts,
  QueuedMail,
  RateLimitCharge,
  Redemption,
  SessionRecord,
  Store,
  TokenFailure,
} from "../core/ports.js";
import { ACCOUNT_COLUMNS, toAccount } from "./account-row.js";
import { approveStatements, claimApprovalStatements, readApproval, readApprovalClaim, readCodeRedemption, redeemCodeStatements } from "./cross-device-sql.js";
import { sql, type Row, type SqlExecutor, type SqlStatement, type SqlValue } from "./executor.js";

/**
 * What must hold after any sequence of Sesame's steps, however interrupted: each a
 * query for the rows that break it. (A crash mid-batch must leave none: batches are
 * transactions.)
 */
const INVARIANTS: [string, string][] = [
  [
    "a used login link carries the session it started",
    `SELECT token_hash AS example FROM link_tokens
     WHERE kind = 'login' AND used_at IS NOT NULL AND denied_at IS NULL AND session_hash IS NULL`,
  ],
  [
    "an unused link carries no session",
    `SELECT token_hash AS example FROM link_tokens
     WHERE used_at IS NULL AND session_hash IS NOT NULL AND code_verified_at IS NULL`,
  ],
  [
    "a used sign-up link has its account",
    `SELECT t.token_hash AS example FROM link_tokens t
     WHERE t.kind = 'signup' AND t.used_at IS NOT NULL AND t.denied_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.email = t.email)`,
  ],
  [
    "no session without its account",
    `SELECT s.id_hash AS example FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = s.account_id)`,
  ],
  [
    "every account has its canonical address",
    `SELECT id AS example FROM accounts
     WHERE email <> lower(email) OR email NOT LIKE '_%@_%._%' OR email LIKE '% %'`,
  ],
  [
    "one account per address",
    `SELECT email AS example FROM accounts GROUP BY email HAVING count(*) > 1`,
  ],
  [
    "a login link belongs to an account with its address",
    `SELECT t.token_hash AS example FROM link_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.kind = 'login' AND a.email <> t.email`,
  ],
  [
    "a mail is queued only for a link that exists, to that link's address",
    `SELECT o.id AS example FROM mail_outbox o
     WHERE NOT EXISTS (SELECT 1 FROM link_tokens t WHERE t.token_hash = o.token_hash AND t.email = o.recipient
       AND t.kind = CASE WHEN o.kind = 'notice' THEN 'login' ELSE o.kind END)`,
  ],
  [
    "a login notice follows a login",
    `SELECT o.id AS example FROM mail_outbox o JOIN link_tokens t ON t.token_hash = o.token_hash
     WHERE o.kind = 'notice' AND (t.used_at IS NULL OR t.session_hash IS NULL)`,
  ],
  [
    "a sent or dropped mail keeps nothing sealed",
    `SELECT id AS example FROM mail_outbox WHERE (delivered_at IS NOT NULL OR dropped_at IS NOT NULL) AND sealed <> ''`,
  ],
  [
    "a leased mail has its deliverer",
    `SELECT id AS example FROM mail_outbox WHERE lease_until IS NOT NULL AND lease_owner IS NULL`,
  ],
];

/** A Store method's input, as the interface declares it. */
type In<M extends keyof Store> = Store[M] extends (input: infer I, ...rest: never[]) => unknown ? I : never;

export class SqlStore implements Store {
  constructor(private readonly db: SqlExecutor) {}

  async createLinkToken(input: In<"createLinkToken">): Promise<CreatedLink> {
    const limits = input.limits ?? [];
    const pending = input.pending;
    const base = [
      input.tokenHash, input.email, input.now, input.signupExpiresAt, input.loginExpiresAt,
      pending?.pendingHash ?? null, pending?.codeHash ?? null, pending?.requestedBy ?? null,
      pending?.approvalHash ?? null, pending?.requestedFrom ?? null, pending?.expiresAt ?? null,
    ];
    // Without limits the insert stands alone; with them it runs only if no limit is exhausted,
    // and the limits are charged only if the insert happened: all or nothing, one batch.
    const count = limits.length;
    // Row locks matter only where batches can interleave (PostgreSQL); a SQLite-dialect batch
    // (better-sqlite3, node:sqlite, bun:sqlite, D1) runs alone under the write lock, so there
    // the lock, and the clean-up of the rows it creates, are two statements of pure cost.
    const lock = limits.length > 0 && this.db.dialect !== "sqlite";
    const results = await this.run([
      ...(lock ? [this.lockLimits(limits)] : []),
      {
        sql: text(`insert token, ${count} limits`, () => `${count > 0 ? limitsTable(count, base.length + 1) : ""}
          INSERT INTO link_tokens (token_hash, kind, email, account_id, created_at, expires_at, pending_hash, code_hash, requested_by,
                                   approval_hash, requested_from, pending_expires_at)
          SELECT CAST(?1 AS TEXT), CASE WHEN a.id IS NULL THEN 'signup' ELSE 'login' END, wanted.email, a.id, CAST(?3 AS BIGINT),
                 CASE WHEN a.id IS NULL THEN CAST(?4 AS BIGINT) ELSE CAST(?5 AS BIGINT) END,
                 CAST(?6 AS TEXT), CAST(?7 AS TEXT), CAST(?8 AS TEXT), CAST(?9 AS TEXT), CAST(?10 AS TEXT),
                 -- the code and an approval end with the link, or sooner when the request says so
                 CASE WHEN CAST(?11 AS BIGINT) IS NULL THEN NULL
                      WHEN a.id IS NULL AND CAST(?4 AS BIGINT) < CAST(?11 AS BIGINT) THEN CAST(?4 AS BIGINT)
                      WHEN a.id IS NOT NULL AND CAST(?5 AS BIGINT) < CAST(?11 AS BIGINT) THEN CAST(?5 AS BIGINT)
                      ELSE CAST(?11 AS BIGINT) END
          FROM (SELECT CAST(?2 AS TEXT) AS email) AS wanted LEFT JOIN accounts a ON a.email = wanted.email
          ${count > 0 ? "WHERE NOT EXISTS (SELECT 1 FROM rate_limits r JOIN limits l ON r.key = l.key WHERE r.tat - l.tolerance > ?3)" : ""}
          RETURNING kind, email, account_id`),
        params: [...base, ...limitsParams(limits)],
      },
      ...(limits.length > 0 ? this.chargeLimits(limits, input.tokenHash, input.now, lock) : []),
      // The mail goes to the address and kind the token row holds, and exists only if the token does.
      ...(input.mail
        ? [
            sql(
              `INSERT INTO mail_outbox (id, token_hash, kind, recipient, sealed, created_at, expires_at, attempts, next_attempt_at, lease_owner, lease_until)
               SELECT ?1, token_hash, kind, email, ?2, created_at, expires_at, 1, ?3, ?4, ?5 FROM link_tokens WHERE token_hash = ?6`,
              input.mail.id, input.mail.sealed, input.mail.nextAttemptAt, input.mail.leaseOwner, input.mail.leaseUntil, input.tokenHash,
            ),
          ]
        : []),
    ]);
    const offset = lock ? 1 : 0;
    const row = results[offset]?.[0];
    if (!row) {
      const retryAt = Number(results[offset + 2]?.[0]?.retry_at ?? input.now);
      return { created: false, retryAt };
    }
    return row.kind === "login"
      ? { created: true, kind: "login", email: String(row.email), accountId: String(row.account_id) }
      : { created: true, kind: "signup", email: String(row.email) };
  }

  /**
   * Takes each limit's row lock first, in key order, so that under PostgreSQL's read
   * committed isolation a concurrent request for the same key waits here and then
   * sees the committed count, instead of both passing the check. (SQLite's batch
   * already holds the write lock; there this changes nothing.)
   */
  private lockLimits(limits: readonly RateLimitCharge[]): SqlStatement {
    return {
      sql: text(`lock ${limits.length} limits`, () => `${limitsTable(limits.length, 1)}
        INSERT INTO rate_limits (key, tat) SELECT key, 0 FROM limits WHERE true ORDER BY key
        ON CONFLICT (key) DO UPDATE SET tat = rate_limits.tat`),
      params: limitsParams(limits),
    };
  }

  /** Moves each limit's arrival time on if the token was stored; otherwise reports when the first limit frees up. */
  private chargeLimits(limits: readonly RateLimitCharge[], tokenHash: string, now: number, locked: boolean): SqlStatement[] {
    const count = limits.length;
    const values = limitsParams(limits);
    return [
      {
        sql: text(`charge ${count} limits`, () => `${limitsTable(count, 3)}
          INSERT INTO rate_limits (key, tat)
          SELECT l.key, ?2 + l.step FROM limits l WHERE EXISTS (SELECT 1 FROM link_tokens WHERE token_hash = ?1)
          ON CONFLICT (key) DO UPDATE SET tat = CASE WHEN rate_limits.tat > ?2 THEN rate_limits.tat ELSE ?2 END + excluded.tat - ?2`),
        params: [tokenHash, now, ...values],
      },
      {
        sql: text(`retry time of ${count} limits`, () => `${limitsTable(count, 3)}
          SELECT max(r.tat - l.tolerance) AS retry_at FROM rate_limits r JOIN limits l ON r.key = l.key
          WHERE r.tat - l.tolerance > ?2 AND NOT EXISTS (SELECT 1 FROM link_tokens WHERE token_hash = ?1)`),
        params: [tokenHash, now, ...values],
      },
      // A refused request leaves nothing behind: not even the rows the lock created.
      ...(locked
        ? [
            {
              sql: text(`unlock ${count} limits`, () => `${limitsTable(count, 2)}
          DELETE FROM rate_limits WHERE tat = 0 AND key IN (SELECT key FROM limits)
            AND NOT EXISTS (SELECT 1 FROM link_tokens WHERE token_hash = ?1)`),
              params: [tokenHash, ...values],
            },
          ]
        : []),
    ];
  }

  async claimMail(input: { owner: string; now: number; leaseUntil: number; limit: number }): Promise<{ claimed: QueuedMail[]; dropped: number }> {
    const { owner, now, leaseUntil, limit } = input;
    // "Free": nobody holds a live lease on it. The conditions are repeated outside the subquery
    // so that under PostgreSQL's read committed a claimer that waited on a row re-checks them
    // against the winner's update, and skips the row.
    const free = `delivered_at IS NULL AND dropped_at IS NULL AND (lease_until IS NULL OR lease_until <= ?1)`;
    const [dropped = [], claimed = []] = await this.run([
      sql(`UPDATE mail_outbox SET dropped_at = ?1, sealed = '', last_error = 'the link expired before the mail could be sent' WHERE ${free} AND expires_at <= ?1 RETURNING id`, now),
      sql(
        `UPDATE mail_outbox SET lease_owner = ?2, lease_until = ?3, attempts = attempts + 1
         WHERE ${free} AND id IN (SELECT id FROM mail_outbox WHERE ${free} AND next_attempt_at <= ?1 ORDER BY next_attempt_at LIMIT CAST(?4 AS INTEGER))
         RETURNING id, kind, recipient, sealed, expires_at, attempts`,
        now, owner, leaseUntil, limit,
      ),
    ]);
    return {
      dropped: dropped.length,
      claimed: claimed.map((row) => ({
        id: String(row.id),
        kind: row.kind === "login" || row.kind === "notice" ? row.kind : "signup",
        to: String(row.recipient),
        sealed: String(row.sealed),
        expiresAt: Number(row.expires_at),
        attempts: Number(row.attempts),
        leaseUntil,
      })),
    };
  }

  async settleMail(owner: string, settlements: readonly MailSettlement[]): Promise<number> {
    if (settlements.length === 0) return 0;
    // The same owner and the same claim: a late outcome of an earlier try of this mail changes nothing.
    // A finished mail keeps nothing sealed (S32): its link or code is of no more use to anyone.
    const held = `lease_owner = ?2 AND attempts = ?3 AND delivered_at IS NULL AND dropped_at IS NULL`;
    const statements = settlements.map((s) => {
      switch (s.outcome) {
        case "delivered":
          return sql(`UPDATE mail_outbox SET delivered_at = ?4, sealed = '', lease_owner = NULL, lease_until = NULL, last_error = NULL WHERE id = ?1 AND ${held} RETURNING id`, s.id, owner, s.attempts, s.at);
        case "retry":
          return sql(
            `UPDATE mail_outbox SET next_attempt_at = ?4, last_error = ?5, lease_owner = NULL, lease_until = NULL WHERE id = ?1 AND ${held} RETURNING id`,
            s.id, owner, s.attempts, s.nextAttemptAt, s.error.slice(0, 500),
          );
        case "dropped":
          return sql(
            `UPDATE mail_outbox SET dropped_at = ?4, sealed = '', last_error = ?5, lease_owner = NULL, lease_until = NULL WHERE id = ?1 AND ${held} RETURNING id`,
            s.id, owner, s.attempts, s.at, s.reason.slice(0, 500),
          );
      }
    });
    const results = await this.run(statements);
    return results.reduce((sum, rows) => sum + rows.length, 0);
  }

  async inspectLinkToken(tokenHash: string, kind: LinkKind, now: number): Promise<LinkTokenState> {
    const [rows] = await this.run([
      sql(
        `SELECT ${TOKEN_STATE_COLUMNS} FROM link_tokens t WHERE t.token_hash = ?1`,
        tokenHash,
      ),
    ]);
    return classifyToken(rows?.[0], kind, now);
  }

  async redeemLoginToken(input: In<"redeemLoginToken">): Promise<LoginRedemption> {
    const { tokenHash, now, session, pendingHash } = input;
    const results = await this.run([
      pendingHash === undefined
        ? sql(
            `UPDATE link_tokens SET used_at = ?2, session_hash = ?3
             WHERE token_hash = ?1 AND kind = 'login' AND used_at IS NULL AND expires_at > ?2`,
            tokenHash, now, session.idHash,
          )
        : sql(
            `UPDATE link_tokens SET used_at = ?2, session_hash = ?3
             WHERE token_hash = ?1 AND kind = 'login' AND used_at IS NULL AND expires_at > ?2 AND pending_hash = ?4`,
            tokenHash, now, session.idHash, pendingHash,
          ),
      sql(
        `INSERT INTO sessions (id_hash, account_id, created_at, idle_expires_at, absolute_expires_at)
         SELECT ?1, t.account_id, ?2, ?3, ?4 FROM link_tokens t WHERE t.token_hash = ?5 AND t.session_hash = ?1`,
        session.idHash, session.createdAt, session.idleExpiresAt, session.absoluteExpiresAt, tokenHash,
      ),
      ...this.dropReplacedSession(input.replacedSessionHash, session.idHash),
      // A link used by its holder ends a lock on guessing for its address (S27).
      sql(
        `DELETE FROM rate_limits WHERE key = (SELECT 'guesses:' || t.email FROM link_tokens t WHERE t.token_hash = ?1 AND t.session_hash = ?2)`,
        tokenHash, session.idHash,
      ),
      // The outcome and, on failure, why, read in the same batch: a failed login costs one round trip.
      sql(
        `SELECT ${TOKEN_STATE_COLUMNS}, CASE WHEN t.session_hash = ?2 THEN 1 ELSE 0 END AS matched, ${ACCOUNT_COLUMNS}
         FROM link_tokens t LEFT JOIN sessions s ON s.id_hash = ?2 LEFT JOIN accounts a ON a.id = s.account_id
         WHERE t.token_hash = ?1`,
        tokenHash, session.idHash,
      ),
    ]);
    const row = results[results.length - 1]?.[0];
    if (row && Number(row.matched) === 1) return { ok: true, account: toAccount(row) };
    const state = classifyToken(row, "login", now);
    // Usable, but not by this browser: the caller shows the confirmation page instead.
    if (state.status === "valid") return { ok: false, reason: "not_this_browser", link: state };
    const failure = failureOf(state);
    return failure.reason !== "account_exists" && row?.link_account != null ? { ...failure, accountId: String(row.link_account) } : failure;
  }

  async completeSignup(input: In<"completeSignup">): Promise<Redemption> {
    const { key, now, session, account } = input;
    // By the link's token, or by the asking browser once the mailed code was entered there.
    const [column, value, condition] =
      "tokenHash" in key ? ["token_hash", key.tokenHash, ""] : ["pending_hash", key.pendingHash, "AND code_verified_at IS NOT NULL"];
    const results = await this.runUnlessConflict([
      sql(
        `UPDATE link_tokens SET used_at = ?2, session_hash = ?3
         WHERE ${column} = ?1 ${condition} AND kind = 'signup' AND used_at IS NULL AND expires_at > ?2
           AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.email = link_tokens.email)`,
        value, now, session.idHash,
      ),
      sql(
        `INSERT INTO accounts (id, email, name, profile, created_at)
         SELECT ?1, t.email, ?2, ?3, ?4 FROM link_tokens t WHERE t.${column} = ?5 AND t.session_hash = ?6`,
        account.id, account.name, JSON.stringify(account.profile), now, value, session.idHash,
      ),
      // A link used by its holder ends a lock on guessing for its address (S27); a code does not.
      ...("tokenHash" in key
        ? [sql(`DELETE FROM rate_limits WHERE key = (SELECT 'guesses:' || a.email FROM accounts a WHERE a.id = ?1)`, account.id)]
        : []),
      sql(
        `INSERT INTO sessions (id_hash, account_id, created_at, idle_expires_at, absolute_expires_at)
         SELECT ?1, a.id, ?2, ?3, ?4 FROM accounts a WHERE a.id = ?5`,
        session.idHash, session.createdAt, session.idleExpiresAt, session.absoluteExpiresAt, account.id,
      ),
      ...this.dropReplacedSession(input.replacedSessionHash, session.idHash),
      sql(`SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = ?1`, account.id),
    ]);
    const row = results === "conflict" ? undefined : results[results.length - 1]?.[0];
    if (row) return { ok: true, account: toAccount(row) };
    // Also after a "conflict": another sign-up for the address committed first, and this batch rolled back whole.
    const [rows] = await this.run([sql(`SELECT ${TOKEN_STATE_COLUMNS} FROM link_tokens t WHERE t.${column} = ?1`, value)]);
    return failureOf(classifyToken(rows?.[0], "signup", now));
  }

  async redeemCode(input: In<"redeemCode">): Promise<CodeRedemption> {
    const limits = { code: input.maxAttempts, approval: input.maxApprovalAttempts };
    const results = await this.run(
      redeemCodeStatements({ ...input, limits, interleaves: this.db.dialect !== "sqlite", replaced: this.dropReplacedSession(input.replacedSessionHash, input.session.idHash) }),
    );
    return readCodeRedemption(results[results.length - 1]?.[0], input.now, limits);
  }

  async approveLogin(input: In<"approveLogin">): Promise<Approval> {
    const limits = { code: input.maxCodeAttempts, approval: input.maxAttempts };
    const results = await this.run(approveStatements({ ...input, limits, interleaves: this.db.dialect !== "sqlite" }));
    return readApproval(results[results.length - 1]?.[0], input.now, limits);
  }

  async denyLogin(tokenHash: string, now: number): Promise<{ ok: true; accountId: string } | { ok: false; reason: TokenFailure }> {
    const [rows] = await this.run([
      sql(
        `UPDATE link_tokens SET denied_at = ?2, used_at = ?2
         WHERE token_hash = ?1 AND kind = 'login' AND used_at IS NULL AND expires_at > ?2
         RETURNING account_id`,
        tokenHash, now,
      ),
    ]);
    const denied = rows?.[0];
    if (denied) return { ok: true, accountId: String(denied.account_id) };
    return loginFailureOf(await this.inspectLinkToken(tokenHash, "login", now));
  }

  async claimApproval(input: In<"claimApproval">): Promise<ApprovalClaim> {
    const results = await this.run(claimApprovalStatements({ ...input, replaced: this.dropReplacedSession(input.replacedSessionHash, input.session.idHash) }));
    return readApprovalClaim(results[results.length - 1]?.[0], input.now);
  }

  async findSession(idHash: string, now: number): Promise<{ session: SessionRecord; account: Account } | null> {
    const [rows] = await this.run([
      sql(
        `SELECT s.created_at, s.idle_expires_at, s.absolute_expires_at, ${ACCOUNT_COLUMNS}
         FROM sessions s JOIN accounts a ON a.id = s.account_id
         WHERE s.id_hash = ?1 AND s.idle_expires_at > ?2 AND s.absolute_expires_at > ?2`,
        idHash, now,
      ),
    ]);
    const row = rows?.[0];
    if (!row) return null;
    return {
      account: toAccount(row),
      session: {
        idHash,
        accountId: String(row.account_id),
        createdAt: Number(row.created_at),
        idleExpiresAt: Number(row.idle_expires_at),
        absoluteExpiresAt: Number(row.absolute_expires_at),
      },
    };
  }

  async extendSession(idHash: string, idleExpiresAt: number): Promise<void> {
    await this.run([sql(`UPDATE sessions SET idle_expires_at = ?2 WHERE id_hash = ?1`, idHash, idleExpiresAt)]);
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.run([sql(`DELETE FROM sessions WHERE id_hash = ?1`, idHash)]);
  }

  async purgeExpired(before: number): Promise<PurgeCounts> {
    const [mails = [], tokens = [], sessions = [], limits = []] = await this.run([
      // Finished mails go at once (they hold a sealed link); a pending one only with its link.
      sql(`DELETE FROM mail_outbox WHERE delivered_at IS NOT NULL OR dropped_at IS NOT NULL OR expires_at < ?1 RETURNING id`, before),
      sql(`DELETE FROM link_tokens WHERE expires_at < ?1 RETURNING token_hash`, before),
      sql(`DELETE FROM sessions WHERE idle_expires_at < ?1 OR absolute_expires_at < ?1 RETURNING id_hash`, before),
      sql(`DELETE FROM rate_limits WHERE tat < ?1 RETURNING key`, before),
    ]);
    return { linkTokens: tokens.length, sessions: sessions.length, rateLimits: limits.length, mails: mails.length };
  }

  async ping(): Promise<void> {
    await this.run([sql(`SELECT 1 AS ok`)]);
  }

  async findInvariantViolations(): Promise<InvariantViolation[]> {
    const results = await this.run(INVARIANTS.map(([, query]) => sql(query)));
    return INVARIANTS.flatMap(([invariant], i) => {
      const rows = results[i] ?? [];
      return rows.length === 0 ? [] : [{ invariant, count: rows.length, example: rows[0]?.example == null ? null : String(rows[0].example) }];
    });
  }

  /** Logging in drops the session the browser had before, but only if the new one was made. */
  private dropReplacedSession(replaced: string | undefined, newSession: string): SqlStatement[] {
    if (!replaced) return [];
    return [sql(`DELETE FROM sessions WHERE id_hash = ?1 AND EXISTS (SELECT 1 FROM sessions WHERE id_hash = ?2)`, replaced, newSession)];
  }

  private async run(statements: SqlStatement[]): Promise<Row[][]> {
    try {
      return await this.db.batch(statements);
    } catch (error) {
      throw storeUnavailable(error);
    }
  }

  private async runUnlessConflict(statements: SqlStatement[]): Promise<Row[][] | "conflict"> {
    try {
      return await this.db.batch(statements);
    } catch (error) {
      if (this.db.isUniqueViolation(error)) return "conflict";
      throw storeUnavailable(error);
    }
  }
}

const TOKEN_STATE_COLUMNS = `t.kind, t.email, t.account_id AS link_account, t.created_at, t.expires_at, t.used_at, t.denied_at, t.pending_hash, t.requested_by, t.requested_from,
  (SELECT count(*) FROM accounts a WHERE a.email = t.email) AS has_account`;

export function classifyToken(row: Row | undefined, kind: LinkKind, now: number): LinkTokenState {
  if (!row || row.kind !== kind) return { status: "invalid" };
  const email = String(row.email);
  if (kind === "signup" && Number(row.has_account) > 0) return { status: "account_exists", email };
  if (row.denied_at !== null && row.denied_at !== undefined) return { status: "denied" };
  if (row.used_at !== null) return { status: "used" };
  const expiresAt = Number(row.expires_at);
  if (expiresAt <= now) return { status: "expired" };
  return {
    status: "valid",
    kind,
    email,
    expiresAt,
    createdAt: Number(row.created_at),
    pendingHash: row.pending_hash === null || row.pending_hash === undefined ? null : String(row.pending_hash),
    requestedBy: row.requested_by === null || row.requested_by === undefined ? null : String(row.requested_by),
    requestedFrom: row.requested_from === null || row.requested_from === undefined ? null : String(row.requested_from),
  };
}

function loginFailureOf(state: LinkTokenState): { ok: false; reason: TokenFailure } {
  const failure = failureOf(state);
  return failure.reason === "account_exists" ? { ok: false, reason: "invalid" } : { ok: false, reason: failure.reason };
}

/** A state that is not "valid" as a failed redemption. */
function failureOf(state: LinkTokenState): { ok: false; reason: TokenFailure } | { ok: false; reason: "account_exists"; email: string } {
  switch (state.status) {
    case "account_exists":
      return { ok: false, reason: "account_exists", email: state.email };
    case "valid": // not reachable through a consistent database; refuse rather than guess
      return { ok: false, reason: "invalid" };
    default:
      return { ok: false, reason: state.status };
  }
}

/** The limits as a table the statements can join, numbered from `first`; casts let PostgreSQL type the parameters. */
/**
 * Statement texts that vary only with the number of limits, built once per number. Each
 * request then hands the executor the same string, which its prepared-statement cache
 * finds without hashing and comparing a fresh text of several hundred characters.
 */
const texts = new Map<string, string>();
function text(key: string, build: () => string): string {
  let value = texts.get(key);
  if (value === undefined) texts.set(key, (value = build()));
  return value;
}

/** The limits as a table, from `count` rows of (key, step, tolerance) parameters starting at `?first`. */
function limitsTable(count: number, first: number): string {
  const rows = Array.from({ length: count }, (_, i) => {
    const n = first + i * 3;
    return `SELECT CAST(?${n} AS TEXT), CAST(?${n + 1} AS BIGINT), CAST(?${n + 2} AS BIGINT)`;
  });
  return `WITH limits (key, step, tolerance) AS (${rows.join(" UNION ALL ")})`;
}

function limitsParams(limits: readonly RateLimitCharge[]): SqlValue[] {
  return limits.flatMap((limit) => [limit.key, limit.interval, limit.tolerance]);
}
