/**
 * What opening a SQLite file means for the Deno and Bun drivers alike: create its
 * folder, apply the file pragmas, migrate, and leave nothing open when any step fails.
 * Each driver supplies only how to open its client. Preparing the file (its folder, its
 * owner-only mode) is every driver's, better-sqlite3's included.
 */
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { SesameError } from "../core/errors.js";
import type { SqlExecutor } from "./executor.js";
import { migrate } from "./migrate.js";
import { sqliteMigrations } from "./migrations/sqlite.js";
import { SqlStore } from "./sql-store.js";
import { SQLITE_FILE_PRAGMAS } from "./sqlite-pragmas.js";

export interface OpenedSqliteFile {
  store: SqlStore;
  executor: SqlExecutor;
  close(): void;
}

export interface SqliteClient {
  exec(sql: string): unknown;
  close(): unknown;
}

/** Opens (creating if needed) the database file and brings its schema up to date. */
export async function openSqliteFileWith(path: string, connect: (path: string) => { db: SqliteClient; executor: SqlExecutor }): Promise<OpenedSqliteFile> {
  let executor: SqlExecutor;
  try {
    prepareSqliteFile(path);
    const opened = connect(path);
    executor = opened.executor;
    try {
      opened.db.exec(SQLITE_FILE_PRAGMAS);
    } catch (error) {
      opened.db.close(); // not left open behind a failed start
      throw error;
    }
  } catch (error) {
    throw new SesameError("store_unavailable", `Cannot open the SQLite database at ${path}: ${(error as Error).message}`, { cause: error });
  }
  const close = () => void executor.close?.();
  try {
    await migrate(executor, sqliteMigrations);
  } catch (error) {
    close();
    throw error;
  }
  return { store: new SqlStore(executor), executor, close };
}

/** The files SQLite keeps beside a database in WAL mode. */
const COMPANIONS = ["-wal", "-shm"];

/**
 * Makes the database file ready to open, for every driver: its folder, and the file
 * itself readable by its owner only (S32), like the key file beside it. SQLite creates
 * a new file with mode 0644 (less the umask), and the -wal and -shm files with the mode
 * of the database file, so creating that file 0600 first is what keeps all three private.
 * Files left wider by an earlier start (before this rule, or by another tool) are
 * narrowed: they hold the same accounts and sessions, and nothing of Sesame's needs
 * another user to read them.
 */
export function prepareSqliteFile(path: string): void {
  if (path === ":memory:" || path === "") return; // in memory, or a temporary file SQLite deletes
  mkdirSync(dirname(path), { recursive: true });
  try {
    // Only when there is none: an existing file may be one this process may read but not write.
    closeSync(openSync(path, "wx", 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  for (const file of [path, ...COMPANIONS.map((suffix) => `${path}${suffix}`)]) narrowToOwner(file);
}

/**
 * Takes group and other permissions off a file this process's user owns. Another user's
 * file (a setup that shares the database through a group, say) is left as it is: only its
 * owner may change it. Windows has no such modes.
 */
function narrowToOwner(file: string): void {
  if (process.platform === "win32") return;
  let stat;
  try {
    stat = statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return; // no -wal or -shm: none left open
    throw error;
  }
  if ((stat.mode & 0o077) === 0 || stat.uid !== process.getuid?.()) return;
  chmodSync(file, stat.mode & 0o700);
}
