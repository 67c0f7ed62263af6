/**
 * Group commit for a synchronous SQLite connection. A commit is the costly part of a
 * write on SQLite (every page it touched goes to the WAL, index pages included), and
 * under load many requests reach the database within one turn of the event loop. Their
 * batches are queued and, at the end of that turn, run one after another in a single
 * transaction, each inside its own savepoint, and committed once.
 *
 * Each batch keeps what it had on its own: it is atomic (a failing batch is rolled back
 * to its savepoint and rejected; the others go on), it sees every batch before it, and
 * it is answered only after the commit that made it durable. Running the batches in
 * arrival order inside one writer is what running them one by one would have done.
 */
import type { Row, SqlStatement } from "./executor.js";

type Execute = (statement: SqlStatement) => Row[];

interface Job {
  statements: readonly SqlStatement[];
  resolve(rows: Row[][]): void;
  reject(error: unknown): void;
}

const control = (text: string): SqlStatement => ({ sql: text, params: [] });
// IMMEDIATE takes the write lock up front, so no batch reads a snapshot it then cannot write from.
const BEGIN = control("BEGIN IMMEDIATE");
const COMMIT = control("COMMIT");
const ROLLBACK = control("ROLLBACK");
const SAVEPOINT = control("SAVEPOINT sesame_batch");
const RELEASE = control("RELEASE sesame_batch");
const ROLLBACK_TO = control("ROLLBACK TO sesame_batch");

/** After the I/O callbacks of this turn have run, where the runtime has such a hook; else soon after. */
const endOfTurn: (run: () => void) => void =
  typeof (globalThis as { setImmediate?: unknown }).setImmediate === "function"
    ? (run) => (globalThis as unknown as { setImmediate(run: () => void): void }).setImmediate(run)
    : (run) => setTimeout(run, 0);

/**
 * A `batch` for a synchronous connection whose `execute` runs one statement (its
 * prepared-statement cache included): sqlite-executor.ts's, for all three SQLite drivers.
 * A lone SELECT or PRAGMA commits nothing, so it runs at once (and a PRAGMA such as
 * foreign_keys only works outside a transaction).
 */
export function groupCommits(execute: Execute): {
  batch(statements: readonly SqlStatement[]): Promise<Row[][]>;
  /** Runs whatever is queued now: before the connection closes. */
  flush(): void;
} {
  let queue: Job[] = [];

  const flush = () => {
    const jobs = queue;
    queue = [];
    if (jobs.length > 0) commitTogether(execute, jobs);
  };

  return {
    batch(statements) {
      if (statements.length === 1 && commitsNothing(statements[0]!)) {
        try {
          return Promise.resolve([execute(statements[0]!)]);
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return new Promise((resolve, reject) => {
        if (queue.push({ statements, resolve, reject }) === 1) endOfTurn(flush);
      });
    },
    flush,
  };
}

function commitsNothing({ sql }: SqlStatement): boolean {
  // Every statement that writes rows starts with another word (INSERT … SELECT starts with INSERT).
  return /^\s*(select|pragma)\b/i.test(sql);
}

function commitTogether(execute: Execute, jobs: readonly Job[]): void {
  try {
    execute(BEGIN);
  } catch (error) {
    for (const job of jobs) job.reject(error);
    return;
  }
  const done: { job: Job; rows: Row[][] }[] = [];
  for (const [index, job] of jobs.entries()) {
    try {
      execute(SAVEPOINT);
      const rows = job.statements.map(execute);
      execute(RELEASE);
      done.push({ job, rows });
    } catch (error) {
      try {
        execute(ROLLBACK_TO);
        execute(RELEASE);
      } catch {
        // Some failures (a full disk, say) end the whole transaction: nothing in it was kept.
        abandon(execute, [...done.map((entry) => entry.job), ...jobs.slice(index)], error);
        return;
      }
      job.reject(error);
    }
  }
  try {
    execute(COMMIT);
  } catch (error) {
    abandon(
      execute,
      done.map((entry) => entry.job),
      error,
    );
    return;
  }
  for (const { job, rows } of done) job.resolve(rows);
}

function abandon(execute: Execute, jobs: readonly Job[], error: unknown): void {
  try {
    execute(ROLLBACK);
  } catch {
    // no transaction left to roll back
  }
  for (const job of jobs) job.reject(error);
}
