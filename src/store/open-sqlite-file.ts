/**
 * What opening a SQLite file means for the Deno and Bun drivers alike: create its
 * folder, apply the file pragmas, migrate, and leave nothing open when any step fails.
 * Each driver supplies only how to open its client. Preparing the file (its folder, its
 * owner-only mode) is every driver's, better-sqlite3's included.
 */
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, statSync, type Stats } from "node:fs";
import { dirname } from "node:path";
import { ConfigError, SesameError } from "../core/errors.js";
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
    if (error instanceof ConfigError) throw error; // another user's file: as it is, to be fixed
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
 *
 * A file there that another user owns is refused with a ConfigError, as ssh's StrictModes
 * would: whoever made /tmp/sesame.db (or its -wal) before the first start can read
 * everything written to it, and only they can narrow it.
 */
export function prepareSqliteFile(path: string): void {
  if (path === ":memory:" || path === "") return; // in memory, or a temporary file SQLite deletes
  const files = [path, ...COMPANIONS.map((suffix) => `${path}${suffix}`)];
  for (const file of files) refuseAnotherUsers(file);
  mkdirSync(dirname(path), { recursive: true });
  try {
    // Only when there is none: an existing file may be one this process may read but not write.
    closeSync(openSync(path, "wx", 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  for (const file of files) narrowToOwner(file);
}

/**
 * This process's user, to compare files' owners with (S32); undefined where that cannot
 * be done, and the owner checks are skipped: on Windows, without process.getuid, and on
 * Deno run without --allow-sys=uid (its getuid throws then).
 */
export function currentUser(): number | undefined {
  if (process.platform === "win32") return undefined;
  try {
    return process.getuid?.();
  } catch {
    return undefined;
  }
}

/**
 * Throws a ConfigError when the file at this path belongs to another user, or the path
 * is a symbolic link another user (root aside) made: SQLite would follow it to a file of
 * their choosing. Nothing there yet is fine.
 */
function refuseAnotherUsers(file: string): void {
  const user = currentUser();
  if (user === undefined) return;
  const link = statOrNothing(file, lstatSync);
  if (link === undefined) return;
  if (link.isSymbolicLink() && link.uid !== user && link.uid !== 0) {
    throw new ConfigError(
      `the SQLite file ${file} is a symbolic link that belongs to another user (uid ${link.uid}): keep the database in a folder only this user can write`,
    );
  }
  const stat = link.isSymbolicLink() ? statOrNothing(file, statSync) : link;
  if (stat !== undefined && stat.uid !== user) {
    throw new ConfigError(
      `the SQLite file ${file} belongs to another user (uid ${stat.uid}), who can read what it holds: keep the database in a folder only this user can write`,
    );
  }
}

/** Takes group and other permissions off a file this process's user owns (another user's is refused above). */
function narrowToOwner(file: string): void {
  const user = currentUser();
  if (user === undefined) return;
  const stat = statOrNothing(file, statSync);
  if (stat === undefined || (stat.mode & 0o077) === 0 || stat.uid !== user) return; // no -wal or -shm: none left open
  chmodSync(file, stat.mode & 0o700);
}

function statOrNothing(file: string, stat: (file: string) => Stats): Stats | undefined {
  try {
    return stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined; // a folder still to make fails there, with its own message
    throw error;
  }
}
