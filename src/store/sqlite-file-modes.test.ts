/**
 * S32 (at rest): a SQLite database, its -wal and its -shm are readable by their owner
 * only, whatever the umask, with every opener: better-sqlite3's, and the shared one the
 * node:sqlite and bun:sqlite openers go through (driven here by better-sqlite3, since
 * Node 20 has no node:sqlite; test/deno.test.ts and test/bun.test.ts run the real ones).
 * One that belongs to another user is refused (as ssh's StrictModes): those cases chown a
 * file to uid 1, which only root may do (the tests run as root here and in CI).
 */
import Database from "better-sqlite3";
import { chownSync, existsSync, lchownSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../core/errors.js";
import type { SqlExecutor } from "./executor.js";
import { SQLITE_OPENERS as OPENERS, type OpenedSqliteFile as Opened } from "./contract/sqlite-openers.contract.js";

let dir: string;
let umask: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sesame-modes-"));
  // The usual umask, which leaves new files readable by everyone (0644).
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

const FILES = ["", "-wal", "-shm"];
const modes = (path: string) => FILES.map((suffix) => [`sesame.db${suffix}`, statSync(`${path}${suffix}`).mode & 0o777]);
const ownerOnly = FILES.map((suffix) => [`sesame.db${suffix}`, 0o600]);

/** Writes enough to give the WAL frames, and leaves the connection open so that -wal and -shm exist. */
async function write(executor: SqlExecutor): Promise<void> {
  await executor.batch([{ sql: "CREATE TABLE IF NOT EXISTS scratch (n INTEGER)", params: [] }]);
  for (let n = 0; n < 20; n++) await executor.batch([{ sql: "INSERT INTO scratch (n) VALUES (?1)", params: [n] }]);
}

describe.skipIf(process.platform === "win32")("S32: database files are readable by their owner only", () => {
  it.each(OPENERS)("S32: a new database, its -wal and its -shm are created 0600 under umask 022 (%s)", async (_name, open) => {
    const path = join(dir, "new", "sesame.db");
    const db = await open(path);
    try {
      await write(db.executor);
      expect(FILES.every((suffix) => existsSync(`${path}${suffix}`))).toBe(true);
      expect(modes(path)).toEqual(ownerOnly);
    } finally {
      db.close();
    }
  });

  it.each(OPENERS)("S32: an existing database left 0644, with its -wal and -shm, is narrowed to 0600 at open (%s)", async (_name, open) => {
    const path = join(dir, "sesame.db");
    // As an earlier version left it: created by SQLite under the umask, and still open (so -wal and -shm exist).
    const earlier = new Database(path);
    earlier.pragma("journal_mode = WAL");
    earlier.exec("CREATE TABLE earlier (n INTEGER); INSERT INTO earlier VALUES (1)");
    expect(modes(path)).toEqual(FILES.map((suffix) => [`sesame.db${suffix}`, 0o644]));
    const db = await open(path);
    try {
      await write(db.executor);
      expect(modes(path)).toEqual(ownerOnly);
    } finally {
      db.close();
      earlier.close();
    }
  });
});

const AS_ROOT = process.getuid?.() === 0;
if (process.platform !== "win32" && !AS_ROOT) {
  console.warn("sqlite-file-modes.test.ts: the S32 another-user cases are skipped: they need root, to chown a file to uid 1");
}

/** The ConfigError opening throws; a failure if it opens. */
async function refusal(open: (path: string) => Promise<Opened>, path: string): Promise<string> {
  let opened: Opened;
  try {
    opened = await open(path);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe("invalid_options");
    expect((error as Error).message).not.toContain("\n");
    return (error as Error).message;
  }
  opened.close();
  throw new Error(`${path} was opened`);
}

describe.skipIf(process.platform === "win32" || !AS_ROOT)(
  "S32: another user's database files are refused (needs root to chown a file to uid 1; skipped otherwise)",
  () => {
    it.each(OPENERS)(
      "S32: a database file that belongs to another user (uid 1) is refused, naming it and the owner, and left as it is (%s)",
      async (_name, open) => {
        const path = join(dir, "sesame.db");
        writeFileSync(path, "", { mode: 0o644 });
        chownSync(path, 1, 1);
        expect(await refusal(open, path)).toBe(
          `the SQLite file ${path} belongs to another user (uid 1), who can read what it holds: keep the database in a folder only this user can write`,
        );
        expect(statSync(path).mode & 0o777).toBe(0o644);
        expect(readdirSync(dir)).toEqual(["sesame.db"]); // no -wal, no -shm: SQLite never opened it
      },
    );

    it.each(OPENERS.flatMap(([name, open]) => ["-wal", "-shm"].map((suffix) => [suffix, name, open] as const)))(
      "S32: a %s that belongs to another user is refused before the database is created (%s)",
      async (suffix, _name, open) => {
        const path = join(dir, "sesame.db");
        writeFileSync(`${path}${suffix}`, "", { mode: 0o666 });
        chownSync(`${path}${suffix}`, 1, 1);
        expect(await refusal(open, path)).toMatch(new RegExp(`^the SQLite file .*sesame\\.db${suffix} belongs to another user \\(uid 1\\)`));
        expect(existsSync(path)).toBe(false);
      },
    );

    it.each(OPENERS)("S32: a symbolic link another user made at the database's path is refused, even to a file of this user's (%s)", async (_name, open) => {
      const path = join(dir, "sesame.db");
      const mine = join(dir, "mine.db");
      writeFileSync(mine, "", { mode: 0o600 });
      symlinkSync(mine, path);
      lchownSync(path, 1, 1);
      expect(await refusal(open, path)).toBe(
        `the SQLite file ${path} is a symbolic link that belongs to another user (uid 1): keep the database in a folder only this user can write`,
      );
    });
  },
);
