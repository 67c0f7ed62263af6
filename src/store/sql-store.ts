/**
 * The one Store, written once in SQL that SQLite, D1 and PostgreSQL all accept. Each
 * state change is one executor batch: one transaction, one round trip. The statements
 * live by table family (links, rate limits, cross-device requests, sessions, the outbox,
 * the database's health); what a failed step means is decided in the core, from the facts
 * the batch read back.
 */
import { storeUnavailable } from "../core/errors.js";
import { classifyLink, failureOf } from "../core/links/link-state.js";
import type {
  AccountDeletion,
  EmailChangeConfirmation,
  EmailChangeRequest,
  EmailChangeState,
  SessionSelection,
  SessionTouch,
  SignupKey,
  OutboxStats,
  SigningKeyRecord,
  Account,
  Approval,
  ApprovalClaim,
  CodeRedemption,
  CreatedLink,
  InvariantViolation,
  LinkKind,
  LinkTokenState,
  LoginRedemption,
  MailSettlement,
  PurgeCounts,
  QueuedMail,
  Redemption,
  SessionRecord,
  Store,
  TokenFailure,
} from "../core/ports.js";
import { approveStatements, claimApprovalStatements, readApproval, readApprovalClaim, readCodeRedemption, redeemCodeStatements } from "./cross-device-sql.js";
import { sql, type Row, type SqlExecutor, type SqlStatement } from "./executor.js";
import { INVARIANTS, purgeStatements } from "./invariants.js";
import { LATEST_SCHEMA_VERSION } from "./migrations/schema.js";
import {
  completeSignupStatements,
  createLinkStatements,
  denyStatements,
  inspectStatement,
  readCreatedLink,
  readDenial,
  readLoginRedemption,
  readSignup,
  redeemLoginStatements,
  signupLinkStatement,
  toLinkFacts,
} from "./link-sql.js";
import { claimStatements, settleStatements, toQueuedMail } from "./outbox-sql.js";
import {
  deleteSessionsStatement,
  dropReplacedSession,
  findSessionStatement,
  listSessionsStatement,
  toSession,
  toSessionRecord,
  touchSessionStatement,
} from "./session-sql.js";
import { CONFIRM_NOTICE_STEP, confirmEmailChangeStatements, createEmailChangeStatements, inspectEmailChangeStatement } from "./email-change-sql.js";
import { DELETED_SESSIONS_STEP, deleteAccountStatements, findAccountStatement, listAccountsStatement, updateProfileStatement } from "./account-sql.js";
import { toAccount } from "./account-row.js";
import { addSigningKeyStatement, listSigningKeysStatement, toSigningKey } from "./signing-key-sql.js";

/** A Store method's input, as the interface declares it. */
type In<M extends keyof Store> = Store[M] extends (input: infer I, ...rest: never[]) => unknown ? I : never;

export class SqlStore implements Store {
  /**
   * Row locks matter only where batches can interleave (PostgreSQL); a SQLite-dialect batch
   * (better-sqlite3, node:sqlite, bun:sqlite, D1) runs alone under the write lock, where
   * the locks would be statements of pure cost.
   */
  private readonly interleaves: boolean;

  constructor(private readonly db: SqlExecutor) {
    this.interleaves = db.dialect !== "sqlite";
  }

  async createLinkToken(input: In<"createLinkToken">): Promise<CreatedLink> {
    return readCreatedLink(await this.run(createLinkStatements(input, this.interleaves)), input, this.interleaves);
  }

  async inspectLinkToken(tokenHash: string, kind: LinkKind, now: number): Promise<LinkTokenState> {
    const [rows] = await this.run([inspectStatement(tokenHash)]);
    return classifyLink(toLinkFacts(rows?.[0]), kind, now);
  }

  async inspectSignupLink(key: SignupKey, now: number): Promise<LinkTokenState> {
    const [rows] = await this.run([signupLinkStatement(key)]);
    return classifyLink(toLinkFacts(rows?.[0]), "signup", now);
  }

  async redeemLoginToken(input: In<"redeemLoginToken">): Promise<LoginRedemption> {
    const results = await this.run(redeemLoginStatements(input, dropReplacedSession(input.replacedSessionHash, input.session.idHash)));
    return readLoginRedemption(last(results), input.now);
  }

  async completeSignup(input: In<"completeSignup">): Promise<Redemption> {
    const results = await this.runUnlessConflict(completeSignupStatements(input, dropReplacedSession(input.replacedSessionHash, input.session.idHash)));
    if (results !== "conflict") return readSignup(last(results), input.now);
    // Another sign-up for the address committed first and this batch rolled back whole: why, read alone.
    const [rows] = await this.run([signupLinkStatement(input.key)]);
    return failureOf(classifyLink(toLinkFacts(rows?.[0]), "signup", input.now));
  }

  async redeemCode(input: In<"redeemCode">): Promise<CodeRedemption> {
    const limits = { code: input.maxAttempts, approval: input.maxApprovalAttempts };
    const replaced = dropReplacedSession(input.replacedSessionHash, input.session.idHash);
    const results = await this.run(redeemCodeStatements({ ...input, limits, interleaves: this.interleaves, replaced }));
    return readCodeRedemption(last(results), input.now, limits);
  }

  async approveLogin(input: In<"approveLogin">): Promise<Approval> {
    const limits = { code: input.maxCodeAttempts, approval: input.maxAttempts };
    const results = await this.run(approveStatements({ ...input, limits, interleaves: this.interleaves }));
    return readApproval(last(results), input.now, limits);
  }

  async denyLink(tokenHash: string, now: number): Promise<{ ok: true; kind: LinkKind; accountId: string | null } | { ok: false; reason: TokenFailure }> {
    return readDenial(await this.run(denyStatements(tokenHash, now)), now);
  }

  async claimApproval(input: In<"claimApproval">): Promise<ApprovalClaim> {
    const replaced = dropReplacedSession(input.replacedSessionHash, input.session.idHash);
    return readApprovalClaim(last(await this.run(claimApprovalStatements({ ...input, replaced }))), input.now);
  }

  async claimMail(input: { owner: string; now: number; leaseUntil: number; limit: number }): Promise<{ claimed: QueuedMail[]; dropped: number }> {
    const [dropped = [], claimed = []] = await this.run(claimStatements(input.owner, input.now, input.leaseUntil, input.limit));
    return { dropped: dropped.length, claimed: claimed.map((row) => toQueuedMail(row, input.leaseUntil)) };
  }

  async settleMail(owner: string, settlements: readonly MailSettlement[]): Promise<number> {
    if (settlements.length === 0) return 0;
    const results = await this.run(settleStatements(owner, settlements));
    return results.reduce((sum, rows) => sum + rows.length, 0);
  }

  async findSession(idHash: string, now: number, touch?: SessionTouch): Promise<{ session: SessionRecord; account: Account } | null> {
    const find = findSessionStatement(idHash, now);
    if (touch && !this.db.local) {
      // Across a network, the touch rides in the check's own round trip (a no-op when fresh).
      const [, rows] = await this.run([touchSessionStatement(idHash, now, touch), find]);
      return rows?.[0] ? toSession(rows[0]) : null;
    }
    // In this process a lone read takes no write lock; the write follows only when due.
    const [rows] = await this.run([find]);
    const found = rows?.[0] ? toSession(rows[0]) : null;
    if (!touch || !found || found.session.lastUsedAt >= touch.staleBefore) return found;
    const [, touched] = await this.run([touchSessionStatement(idHash, now, touch), find]);
    return touched?.[0] ? toSession(touched[0]) : null;
  }

  async listSessions(accountId: string, now: number): Promise<SessionRecord[]> {
    const [rows = []] = await this.run([listSessionsStatement(accountId, now)]);
    return rows.map(toSessionRecord);
  }

  async deleteSessions(accountId: string, which: SessionSelection): Promise<number> {
    const [rows = []] = await this.run([deleteSessionsStatement(accountId, which)]);
    return rows.length;
  }

  async findAccount(key: { id: string } | { email: string }): Promise<Account | null> {
    const [rows] = await this.run([findAccountStatement(key)]);
    return rows?.[0] ? toAccount(rows[0]) : null;
  }

  async listAccounts(input: In<"listAccounts">): Promise<Account[]> {
    const [rows = []] = await this.run([listAccountsStatement(input)]);
    return rows.map(toAccount);
  }

  async updateProfile(accountId: string, name: string | null, profile: Record<string, string>): Promise<Account | null> {
    const [rows] = await this.run([updateProfileStatement(accountId, name, profile)]);
    return rows?.[0] ? toAccount(rows[0]) : null;
  }

  async deleteAccount(input: In<"deleteAccount">): Promise<AccountDeletion> {
    const results = await this.run(deleteAccountStatements(input.accountId, input.notice, input.now));
    const deleted = last(results);
    if (!deleted) return { ok: false, reason: "no_account" };
    return { ok: true, account: toAccount(deleted), sessions: results[DELETED_SESSIONS_STEP]?.length ?? 0 };
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.run([sql(`DELETE FROM sessions WHERE id_hash = ?1`, idHash)]);
  }

  async createEmailChange(input: In<"createEmailChange">): Promise<EmailChangeRequest> {
    const results = await this.run(createEmailChangeStatements(input, this.interleaves));
    const facts = last(results);
    if (Number(facts?.created ?? 0) > 0) return { ok: true };
    if (Number(facts?.account ?? 0) === 0) return { ok: false, reason: "no_account" };
    return { ok: false, reason: "rate_limited", retryAt: Number(facts?.oldest ?? input.now) + 3600_000 };
  }

  async inspectEmailChange(tokenHash: string, now: number): Promise<EmailChangeState> {
    const [rows] = await this.run([inspectEmailChangeStatement(tokenHash)]);
    const row = rows?.[0];
    if (!row) return { status: "invalid" };
    if (row.used_at !== null) return { status: "used" };
    if (Number(row.expires_at) <= now) return { status: "expired" };
    return { status: "valid", newEmail: String(row.new_email), currentEmail: String(row.current_email), expiresAt: Number(row.expires_at) };
  }

  async confirmEmailChange(input: In<"confirmEmailChange">): Promise<EmailChangeConfirmation> {
    const results = await this.runUnlessConflict(confirmEmailChangeStatements(input));
    // Another account took the address between the check and the move (PostgreSQL): nothing was changed.
    if (results === "conflict") return { ok: false, reason: "taken" };
    const row = last(results);
    if (!row) return { ok: false, reason: "invalid" };
    if (row.confirmed_by === input.marker) return { ok: true, account: toAccount(row), previousEmail: String(results[CONFIRM_NOTICE_STEP]?.[0]?.recipient) };
    if (row.used_at !== null) return { ok: false, reason: "used" };
    if (Number(row.expires_at) <= input.now) return { ok: false, reason: "expired" };
    return { ok: false, reason: "taken" };
  }

  async listSigningKeys(): Promise<SigningKeyRecord[]> {
    const [rows = []] = await this.run([listSigningKeysStatement]);
    return rows.map(toSigningKey);
  }

  async addSigningKey(key: SigningKeyRecord): Promise<SigningKeyRecord[]> {
    const [, rows = []] = await this.run([addSigningKeyStatement(key), listSigningKeysStatement]);
    return rows.map(toSigningKey);
  }

  async purgeExpired(before: number): Promise<PurgeCounts> {
    const [mails = [], tokens = [], sessions = [], limits = []] = await this.run(purgeStatements(before));
    return { linkTokens: tokens.length, sessions: sessions.length, rateLimits: limits.length, mails: mails.length };
  }

  async ping(): Promise<void> {
    await this.run([sql(`SELECT 1 AS ok`)]);
  }

  async outboxStats(now: number): Promise<OutboxStats> {
    const [rows = []] = await this.run([
      sql(
        `SELECT COUNT(*) AS queued, MIN(created_at) AS oldest, COALESCE(SUM(CASE WHEN lease_until > ?1 THEN 1 ELSE 0 END), 0) AS in_flight
         FROM mail_outbox WHERE delivered_at IS NULL AND dropped_at IS NULL`,
        now,
      ),
    ]);
    const row = rows[0] ?? {};
    return { queued: Number(row.queued ?? 0), oldestCreatedAt: row.oldest == null ? null : Number(row.oldest), inFlight: Number(row.in_flight ?? 0) };
  }

  async checkSchema(): Promise<{ current: number; latest: number }> {
    // With a write that changes nothing, so that the answer also says a write could be made now: on
    // SQLite, readers go on while another process holds the write lock, but no link request would.
    const [, rows = []] = await this.run([
      sql(`UPDATE sesame_migrations SET version = version WHERE version < 0`),
      sql(`SELECT MAX(version) AS version FROM sesame_migrations`),
    ]);
    return { current: Number(rows[0]?.version ?? 0), latest: LATEST_SCHEMA_VERSION };
  }

  async findInvariantViolations(): Promise<InvariantViolation[]> {
    const results = await this.run(INVARIANTS.map(([, query]) => sql(query)));
    return INVARIANTS.flatMap(([invariant], i) => {
      const rows = results[i] ?? [];
      return rows.length === 0 ? [] : [{ invariant, count: rows.length, example: rows[0]?.example == null ? null : String(rows[0].example) }];
    });
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

/** The first row of a batch's last statement: where every batch reads back its outcome. */
function last(results: Row[][]): Row | undefined {
  return results[results.length - 1]?.[0];
}
