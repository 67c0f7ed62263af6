/**
 * `sesame backup PATH` and `sesame restore PATH`, for a SQLite database.
 *
 * A backup is `VACUUM INTO`: SQLite copies one consistent snapshot (a read transaction)
 * into a new file while the server goes on writing, compacted, with nothing of the WAL
 * left behind. The key file that seals queued mail and the signing keys (when
 * SESAME_SECRET is unset) is copied beside it as PATH.key: without it the copy's sealed
 * rows cannot be opened. Both are created readable by their owner only.
 *
 * A restore goes into a new file only (SESAME_DB must not exist yet), after SQLite's
 * integrity check of the backup; the schema is brought up to date and the invariants
 * checked, as `sesame check` would.
 */
import { closeSync, copyFileSync, constants, existsSync, mkdirSync, openSync, unlinkSync } from "node:fs";
import { dirname } from "node:path";
import { ConfigError } from "../core/errors.js";
import type { ServerConfig } from "../config/environment.js";
import { loadOptionalPackage } from "../packages/optional.js";
import { openSqliteFile } from "../store/sqlite-file.js";

function sqlitePath(config: ServerConfig, command: string): string {
  if (config.database.type !== "sqlite") {
    throw new ConfigError(`sesame ${command} is for a SQLite database; for PostgreSQL use pg_dump and pg_restore (see the README)`, {
      variable: "DATABASE_URL",
    });
  }
  return config.database.path;
}

async function openDriver(path: string, readonly: boolean) {
  const { default: Database } = await loadOptionalPackage("better-sqlite3", "sesame backup and restore", () => import("better-sqlite3"));
  const db = new Database(path, { fileMustExist: true, readonly });
  db.pragma("busy_timeout = 5000");
  return db;
}

/** An empty file of the owner's alone, created here: SQLite would create it with the umask's mode. */
function createPrivateFile(path: string, what: string): void {
  mkdirSync(dirname(path), { recursive: true });
  try {
    closeSync(openSync(path, "wx", 0o600));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "EEXIST" ? "it exists already (a backup never overwrites)" : (error as Error).message;
    throw new ConfigError(`cannot write the ${what} ${path}: ${reason}`);
  }
}

/** The key file beside a database, copied beside another, when the secret is not given and none is there yet. */
function copyKeyFile(config: ServerConfig, from: string, to: string): string | undefined {
  if (config.secret !== undefined || !existsSync(`${from}.key`) || existsSync(`${to}.key`)) return undefined;
  createPrivateFile(`${to}.key`, "key file");
  copyFileSync(`${from}.key`, `${to}.key`);
  return `${to}.key`;
}

export async function backupCommand(config: ServerConfig, target: string | undefined): Promise<number> {
  const source = sqlitePath(config, "backup");
  if (!target) throw new ConfigError("sesame backup needs the path of the copy: sesame backup PATH");
  if (!existsSync(source)) throw new ConfigError(`there is no database at ${source} to back up`, { variable: "SESAME_DB" });
  createPrivateFile(target, "backup");
  const db = await openDriver(source, false);
  try {
    db.prepare("VACUUM INTO ?").run(target);
  } catch (error) {
    unlinkSync(target);
    throw error;
  } finally {
    db.close();
  }
  const key = copyKeyFile(config, source, target);
  console.log(`sesame: backed up ${source} to ${target}${key ? `, its key file to ${key}` : ""}`);
  return 0;
}

export async function restoreCommand(config: ServerConfig, backup: string | undefined): Promise<number> {
  const target = sqlitePath(config, "restore");
  if (!backup) throw new ConfigError("sesame restore needs the path of a backup: sesame restore PATH");
  if (!existsSync(backup)) throw new ConfigError(`there is no backup at ${backup}`);
  if (existsSync(target)) {
    throw new ConfigError(`SESAME_DB names an existing database (${target}): a restore goes into a new file; move that one away or point SESAME_DB elsewhere`, {
      variable: "SESAME_DB",
    });
  }
  const checked = await openDriver(backup, true);
  try {
    const result = checked.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new ConfigError(`the backup ${backup} is damaged: ${String(result)}`);
  } finally {
    checked.close();
  }
  createPrivateFile(target, "database");
  copyFileSync(backup, target, constants.COPYFILE_FICLONE);
  const key = copyKeyFile(config, backup, target);
  const db = await openSqliteFile(target);
  try {
    const violations = await db.store.findInvariantViolations();
    for (const v of violations) console.error(`sesame: broken: ${v.invariant}: ${v.count} row(s), e.g. ${v.example ?? "?"}`);
    console.log(
      `sesame: restored ${backup} into ${target}${key ? ` with its key file` : ""}; ${violations.length === 0 ? "every invariant holds" : "some invariants are broken"}`,
    );
    return violations.length === 0 ? 0 : 3;
  } finally {
    db.close();
  }
}
