/**
 * Opens a SQLite file with better-sqlite3 (Node only) and returns a migrated store.
 */
import type Database from "better-sqlite3";
import { ConfigError, SesameError } from "../core/errors.js";
import { loadOptionalPackage } from "../packages/optional.js";
import { migrate } from "./migrate.js";
import { sqliteMigrations } from "./migrations/sqlite.js";
import { prepareSqliteFile } from "./open-sqlite-file.js";
import { SQLITE_FILE_PRAGMAS } from "./sqlite-pragmas.js";
import { BACKSTOP_PAGES, startCheckpointer, type Checkpointer } from "./sqlite-checkpointer.js";
import { SqlStore } from "./sql-store.js";
import { createSqliteExecutor, type SqliteDatabase } from "./sqlite.js";
import type { SqlExecutor } from "./executor.js";

type Driver = typeof Database;

function openWithPragmas(Driver: Driver, path: string): Database.Database {
  // Its folder, and the file private to its owner before SQLite creates it (and its -wal and -shm) wider.
  prepareSqliteFile(path);
  const db = new Driver(path);
  try {
    db.exec(SQLITE_FILE_PRAGMAS);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

export interface SqliteFileStore {
  store: SqlStore;
  executor: SqlExecutor;
  close(): void;
}

export interface SqliteFileOptions {
  /** false leaves the schema alone. */
  migrate?: boolean;
  /**
   * Checkpoints the WAL from a thread of its own (sqlite-checkpointer.ts), so that no
   * request waits for one: for a long-running server. `onError` hears of a failed one.
   */
  backgroundCheckpoints?: { onError(message: string): void };
}

/** Opens (creating if needed) the database file. */
export async function openSqliteFile(path: string, options: SqliteFileOptions = {}): Promise<SqliteFileStore> {
  const { default: Driver } = await loadOptionalPackage("better-sqlite3", "A SQLite file on Node (sesame/sqlite)", () => import("better-sqlite3"));
  let db: Database.Database | undefined;
  // Processes opening a new file at the same moment can get "database is locked" from the switch to
  // WAL, which SQLite does not always hand to the busy handler: try again for a few seconds.
  for (const deadline = Date.now() + 10_000; ;) {
    try {
      db = openWithPragmas(Driver, path);
      break;
    } catch (error) {
      if (isBusy(error) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25 + Math.random() * 75));
        continue;
      }
      if (error instanceof ConfigError) throw error; // another user's file: as it is, to be fixed
      throw new SesameError("store_unavailable", `Cannot open the SQLite database at ${path}: ${(error as Error).message}`, { cause: error });
    }
  }
  // better-sqlite3's typings overload `all`/`run` per statement; at run time they take positional values.
  const executor = createSqliteExecutor(db as unknown as SqliteDatabase);
  if (options.migrate !== false) {
    try {
      await migrate(executor, sqliteMigrations);
    } catch (error) {
      db.close();
      throw error;
    }
  }
  let checkpointer: Checkpointer | undefined;
  if (options.backgroundCheckpoints && path !== ":memory:") {
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    checkpointer = startCheckpointer(path, { onError: options.backgroundCheckpoints.onError });
  }
  return {
    store: new SqlStore(executor),
    executor,
    close: () => {
      // The thread finishes its current checkpoint and closes its own connection.
      void checkpointer?.stop();
      executor.close?.();
    },
  };
}
