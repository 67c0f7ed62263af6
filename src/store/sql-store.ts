/**
 * The one Store, written once in SQL that SQLite, D1 and PostgreSQL all accept. Each
 * state change is one executor batch: one transaction, one round trip. The statements
 * live by table family (links, rate limits, cross-device requests, sessions, the outbox,
 * the database's health); what a failed step means is decided in the core, from the facts
 * the batch read back.
 */
import { storeUnavailable } from "../core/errors.js";
import { classifyLink, failureOf } from "../core/links/link-state.js";
import type * as T from "../core/ports.js";
import { loadOnce } from "../load-once.js";
import { sql, type Row, type SqlExecutor, type SqlStatement } from "./executor.js";
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
import { settleStatements } from "./outbox-sql.js";
import { withEvents } from "./event-sql.js";
import {
  deleteSessionsStatement,
  dropReplacedSession,
  findSessionStatement,
  listSessionsStatement,
  toSession,
  toSessionRecord,
  touchSessionStatement,
} from "./session-sql.js";
import { toAccount } from "./account-row.js";

// The statements off the request paths load with their first use (the code, the approval, a
// change of address, the account page, operators, tokens, delivery passes, the purge): a
// Worker answering link requests and session checks never parses them (`npm run size`). A
// chunk that fails to load (a broken deploy) fails its request before any batch is sent.
const laterSql = loadOnce(() => import("./later-sql.js"));

/** A Store method's input, as the interface declares it. */
type In<M extends keyof T.Store> = T.Store[M] extends (input: infer I, ...rest: never[]) => unknown ? I : never;

export class SqlStore implements T.Store {
  /**
   * Row locks matter only where batches can interleave (PostgreSQL); a SQLite-dialect batch
   * (better-sqlite3, node:sqlite, bun:sqlite, D1) runs alone under the write lock, where
   * the locks would be statements of pure cost.
   */
  private readonly interleaves: boolean;

  constructor(private readonly db: SqlExecutor) {
    this.interleaves = db.dialect !== "sqlite";
  }

  async createLinkToken(input: In<"createLinkToken">): Promise<T.CreatedLink> {
    return readCreatedLink(await this.run(createLinkStatements(input, this.interleaves)), input, this.interleaves);
  }

  async inspectLinkToken(tokenHash: string, kind: T.LinkKind, now: number): Promise<T.LinkTokenState> {
    const [rows] = await this.run([inspectStatement(tokenHash)]);
    return classifyLink(toLinkFacts(rows?.[0]), kind, now);
  }

  async inspectSignupLink(key: T.SignupKey, now: number): Promise<T.LinkTokenState> {
    const [rows] = await this.run([signupLinkStatement(key)]);
    return classifyLink(toLinkFacts(rows?.[0]), "signup", now);
  }

  async redeemLoginToken(input: In<"redeemLoginToken">): Promise<T.LoginRedemption> {
    const results = await this.runWith(redeemLoginStatements(input, dropReplacedSession(input.replacedSessionHash, input.session.idHash)), input.events);
    return readLoginRedemption(last(results), input.now);
  }

  async completeSignup(input: In<"completeSignup">): Promise<T.Redemption> {
    const results = await this.runWith(
      completeSignupStatements(input, dropReplacedSession(input.replacedSessionHash, input.session.idHash)),
      input.events,
      true,
    );
    if (results !== "conflict") return readSignup(last(results), input.now);
    // Another sign-up for the address committed first and this batch rolled back whole: why, read alone.
    const [rows] = await this.run([signupLinkStatement(input.key)]);
    return failureOf(classifyLink(toLinkFacts(rows?.[0]), "signup", input.now));
  }

  async redeemCode(input: In<"redeemCode">): Promise<T.CodeRedemption> {
    const { redeemCodeStatements, readCodeRedemption } = await laterSql();
    const limits = { code: input.maxAttempts, approval: input.maxApprovalAttempts };
    const replaced = dropReplacedSession(input.replacedSessionHash, input.session.idHash);
    const results = await this.runWith(redeemCodeStatements({ ...input, limits, interleaves: this.interleaves, replaced }), input.events);
    return readCodeRedemption(last(results), input.now, limits);
  }

  async approveLogin(input: In<"approveLogin">): Promise<T.Approval> {
    const { approveStatements, readApproval } = await laterSql();
    const limits = { code: input.maxCodeAttempts, approval: input.maxAttempts };
    const results = await this.run(approveStatements({ ...input, limits, interleaves: this.interleaves }));
    return readApproval(last(results), input.now, limits);
  }

  async denyLink(tokenHash: string, now: number): Promise<{ ok: true; kind: T.LinkKind; accountId: string | null } | { ok: false; reason: T.TokenFailure }> {
    return readDenial(await this.run(denyStatements(tokenHash, now)), now);
  }

  async claimApproval(input: In<"claimApproval">): Promise<T.ApprovalClaim> {
    const { claimApprovalStatements, readApprovalClaim } = await laterSql();
    const replaced = dropReplacedSession(input.replacedSessionHash, input.session.idHash);
    return readApprovalClaim(last(await this.runWith(claimApprovalStatements({ ...input, replaced }), input.events)), input.now);
  }

  async claimMail(input: { owner: string; now: number; leaseUntil: number; limit: number }): Promise<{ claimed: T.QueuedMail[]; dropped: number }> {
    const { claimStatements, toQueuedMail } = await laterSql();
    const [dropped = [], claimed = []] = await this.run(claimStatements(input.owner, input.now, input.leaseUntil, input.limit));
    return { dropped: dropped.length, claimed: claimed.map((row) => toQueuedMail(row, input.leaseUntil)) };
  }

  async settleMail(owner: string, settlements: readonly T.MailSettlement[]): Promise<number> {
    if (settlements.length === 0) return 0;
    const results = await this.run(settleStatements(owner, settlements));
    return results.reduce((sum, rows) => sum + rows.length, 0);
  }

  async findSession(idHash: string, now: number, touch?: T.SessionTouch): Promise<{ session: T.SessionRecord; account: T.Account } | null> {
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

  async listSessions(accountId: string, now: number): Promise<T.SessionRecord[]> {
    const [rows = []] = await this.run([listSessionsStatement(accountId, now)]);
    return rows.map(toSessionRecord);
  }

  async deleteSessions(accountId: string, which: T.SessionSelection, events?: readonly T.AccountEventEntry[]): Promise<number> {
    const [rows = []] = await this.runWith([deleteSessionsStatement(accountId, which)], events);
    return rows.length;
  }

  async findAccount(key: { id: string } | { email: string }): Promise<T.Account | null> {
    const { findAccountStatement } = await laterSql();
    const [rows] = await this.run([findAccountStatement(key)]);
    return rows?.[0] ? toAccount(rows[0]) : null;
  }

  async listAccounts(input: In<"listAccounts">): Promise<T.Account[]> {
    const { listAccountsStatement } = await laterSql();
    const [rows = []] = await this.run([listAccountsStatement(input)]);
    return rows.map(toAccount);
  }

  async updateProfile(accountId: string, name: string | null, profile: Record<string, string>): Promise<T.Account | null> {
    const { updateProfileStatement } = await laterSql();
    const [rows] = await this.run([updateProfileStatement(accountId, name, profile)]);
    return rows?.[0] ? toAccount(rows[0]) : null;
  }

  async deleteAccount(input: In<"deleteAccount">): Promise<T.AccountDeletion> {
    const { deleteAccountStatements, DELETED_SESSIONS_STEP } = await laterSql();
    const results = await this.runWith(deleteAccountStatements(input.accountId, input.notice, input.now), input.events);
    const deleted = last(results);
    if (!deleted) return { ok: false, reason: "no_account" };
    return { ok: true, account: toAccount(deleted), sessions: results[DELETED_SESSIONS_STEP]?.length ?? 0 };
  }

  async deleteSession(idHash: string, events?: readonly T.AccountEventEntry[]): Promise<void> {
    await this.runWith([sql(`DELETE FROM sessions WHERE id_hash = ?1`, idHash)], events);
  }

  async createEmailChange(input: In<"createEmailChange">): Promise<T.EmailChangeRequest> {
    const { createEmailChangeStatements, readEmailChangeRequest } = await laterSql();
    return readEmailChangeRequest(last(await this.run(createEmailChangeStatements(input, this.interleaves))), input.now);
  }

  async inspectEmailChange(tokenHash: string, now: number): Promise<T.EmailChangeState> {
    const { inspectEmailChangeStatement, readEmailChangeState } = await laterSql();
    const [rows] = await this.run([inspectEmailChangeStatement(tokenHash)]);
    return readEmailChangeState(rows?.[0], now);
  }

  async confirmEmailChange(input: In<"confirmEmailChange">): Promise<T.EmailChangeConfirmation> {
    const { confirmEmailChangeStatements, readEmailChangeConfirmation } = await laterSql();
    const results = await this.runWith(confirmEmailChangeStatements(input), input.events, true);
    // Another account took the address between the check and the move (PostgreSQL): nothing was changed.
    return results === "conflict" ? { ok: false, reason: "taken" } : readEmailChangeConfirmation(results, input);
  }

  async listEvents(input: In<"listEvents">): Promise<T.AccountEvent[]> {
    const { listEventsStatement, toAccountEvent } = await laterSql();
    const [rows = []] = await this.run([listEventsStatement(input.accountId, input.limit, input.before)]);
    return rows.map(toAccountEvent);
  }

  async claimWebhooks(input: { owner: string; now: number; leaseUntil: number; limit: number }): Promise<T.QueuedWebhook[]> {
    const { claimWebhookStatements, toQueuedWebhook } = await laterSql();
    const [, rows = []] = await this.run(claimWebhookStatements(input.owner, input.now, input.leaseUntil, input.limit));
    return rows.map((row) => toQueuedWebhook(row, input.leaseUntil));
  }

  async settleWebhooks(owner: string, settlements: readonly T.WebhookSettlement[]): Promise<number> {
    if (settlements.length === 0) return 0;
    const { settleWebhookStatements } = await laterSql();
    const results = await this.run(settleWebhookStatements(owner, settlements));
    return results.reduce((sum, rows) => sum + rows.length, 0);
  }

  async listSigningKeys(): Promise<T.SigningKeyRecord[]> {
    const { listSigningKeysStatement, toSigningKey } = await laterSql();
    const [rows = []] = await this.run([listSigningKeysStatement]);
    return rows.map(toSigningKey);
  }

  async addSigningKey(key: T.SigningKeyRecord): Promise<T.SigningKeyRecord[]> {
    const { addSigningKeyStatement, listSigningKeysStatement, toSigningKey } = await laterSql();
    const [, rows = []] = await this.run([addSigningKeyStatement(key), listSigningKeysStatement]);
    return rows.map(toSigningKey);
  }

  async purgeExpired(before: number, eventsBefore = before, stop?: { readonly aborted: boolean }): Promise<T.PurgeCounts> {
    const { purgeStatements, PURGE_STEP } = await laterSql();
    const counts: T.PurgeCounts = { linkTokens: 0, sessions: 0, rateLimits: 0, mails: 0, events: 0 };
    // Step by step (purge-sql.ts): each atomic on its own, and what one leaves the next takes,
    // so a stopping server can leave the rest to the next purge.
    while (!stop?.aborted) {
      const deleted = (await this.run(purgeStatements(before, eventsBefore))).map((rows) => rows?.length ?? 0);
      const [mails = 0, tokens = 0, sessions = 0, limits = 0] = deleted;
      counts.mails += mails;
      counts.linkTokens += tokens;
      counts.sessions += sessions;
      counts.rateLimits += limits;
      counts.events += deleted[deleted.length - 1] ?? 0;
      if (!deleted.some((count) => count >= PURGE_STEP)) return counts;
    }
    return { ...counts, stopped: true };
  }

  async ping(): Promise<void> {
    await this.run([sql(`SELECT 1 AS ok`)]);
  }

  async outboxStats(now: number): Promise<T.OutboxStats> {
    const { outboxStatsStatement, toOutboxStats } = await laterSql();
    const [rows = []] = await this.run([outboxStatsStatement(now)]);
    return toOutboxStats(rows[0]);
  }

  async checkSchema(): Promise<{ current: number; latest: number }> {
    // With a write that changes nothing, so that the answer also says a write could be made now: on
    // SQLite, readers go on while another process holds the write lock, but no link request would.
    const [, rows = []] = await this.run([
      sql(`UPDATE sesame_migrations SET version = version WHERE version < 0`),
      sql(`SELECT MAX(version) AS version FROM sesame_migrations`),
    ]);
    // The migrations' text is only needed for its newest version here (a readiness check): loaded on first use.
    const { LATEST_SCHEMA_VERSION } = await import("./migrations/schema.js");
    return { current: Number(rows[0]?.version ?? 0), latest: LATEST_SCHEMA_VERSION };
  }

  async findInvariantViolations(): Promise<T.InvariantViolation[]> {
    const { INVARIANTS } = await import("./invariants.js");
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

  /** A step with the events it writes, in one batch; the step's own results, as if it ran alone ("conflict" with `conflictAware`). */
  private async runWith<C extends boolean = false>(statements: SqlStatement[], events: readonly T.AccountEventEntry[] | undefined, conflictAware?: C) {
    const batch = withEvents(statements, events);
    const results = conflictAware ? await this.runUnlessConflict(batch.statements) : await this.run(batch.statements);
    return (results === "conflict" ? results : results.slice(batch.offset, batch.offset + statements.length)) as C extends true
      ? Row[][] | "conflict"
      : Row[][];
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
