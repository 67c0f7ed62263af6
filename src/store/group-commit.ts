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
 *
 * Lone SELECTs are grouped the same way, for another cost: on a WAL database each read
 * outside a transaction takes and drops a read lock and checks the file (three system
 * calls and ~8 µs of a session check's ~11 µs read here). The reads of one turn run
 * together in one read transaction, before that turn's writes, so each sees what it
 * would have seen at once: everything committed, nothing of the batches still queued.
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
// A read transaction: its first SELECT takes a snapshot, which every read in it then shares.
const READ = control("BEGIN DEFERRED");
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
 * A lone PRAGMA runs at once (one such as foreign_keys only works outside a transaction).
 */
export function groupCommits(execute: Execute): {
  batch(statements: readonly SqlStatement[]): Promise<Row[][]>;
  /** Runs whatever is queued now: before the connection closes. */
  flush(): void;
} {
  let reads: Job[] = [];
  let writes: Job[] = [];

  const flush = () => {
    const [readJobs, writeJobs] = [reads, writes];
    reads = [];
    writes = [];
    if (readJobs.length > 0) readTogether(execute, readJobs);
    if (writeJobs.length > 0) commitTogether(execute, writeJobs);
  };

  return {
    batch(statements) {
      const lone = statements.length === 1 ? statements[0]! : undefined;
      if (lone && isPragma(lone)) {
        try {
          return Promise.resolve([execute(lone)]);
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return new Promise((resolve, reject) => {
        const queue = lone && isSelect(lone) ? reads : writes;
        queue.push({ statements, resolve, reject });
        if (reads.length + writes.length === 1) endOfTurn(flush);
      });
    },
    flush,
  };
}

// Every statement that writes rows starts with another word (INSERT … SELECT starts with INSERT).
const isSelect = ({ sql }: SqlStatement): boolean => /^\s*select\b/i.test(sql);
const isPragma = ({ sql }: SqlStatement): boolean => /^\s*pragma\b/i.test(sql);

function readTogether(execute: Execute, jobs: readonly Job[]): void {
  // One read alone costs the same inside an implicit transaction as inside an explicit one.
  const together = jobs.length > 1 && attempt(execute, READ);
  for (const job of jobs) {
    try {
      job.resolve([execute(job.statements[0]!)]);
    } catch (error) {
      job.reject(error);
    }
  }
  // Ending a read transaction keeps or loses nothing, so a failure has no batch to tell; but
  // the next turn's writes need it ended.
  if (together && !attempt(execute, COMMIT)) attempt(execute, ROLLBACK);
}

function attempt(execute: Execute, statement: SqlStatement): boolean {
  try {
    execute(statement);
    return true;
  } catch {
    return false;
  }
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
