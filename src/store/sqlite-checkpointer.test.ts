import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { waitFor } from "../../test/process.js";
import { BACKSTOP_PAGES, HURRY_PAGES, nextPassIn, startCheckpointer } from "./sqlite-checkpointer.js";
import { openSqliteFile } from "./sqlite-file.js";

describe("the background WAL checkpointer", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "sesame-checkpoint-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A connection that never checkpoints by itself, with about `pages` pages of rows in its WAL. */
  function writeWithoutCheckpoints(path: string, pages: number) {
    const db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.pragma("wal_autocheckpoint = 0");
    db.exec("CREATE TABLE filler (body TEXT NOT NULL)");
    const insert = db.prepare("INSERT INTO filler VALUES (?)");
    for (let i = 0; i < pages; i++) insert.run(`${i}`.padEnd(3000, "x"));
    return db;
  }

  it("copies the WAL into the database file from its own thread", async () => {
    const path = join(dir, "c.db");
    const db = writeWithoutCheckpoints(path, 600);
    const before = statSync(path).size;
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(600 * 3000);
    const seen: { checkpointed: number; log: number }[] = [];
    const checkpointer = startCheckpointer(path, { intervalMs: 20, onCheckpoint: (pages) => seen.push(pages) });
    // The thread's word that it copied every frame of the WAL; the file itself then shows it,
    // as only a checkpoint writes the rows into the database file.
    await waitFor("a complete checkpoint", () => seen.find((pages) => pages.log > 0 && pages.checkpointed === pages.log));
    expect(statSync(path).size).toBeGreaterThan(before + 600 * 3000);
    await checkpointer.stop();
    expect(db.prepare("SELECT count(*) AS n FROM filler").get()).toEqual({ n: 600 });
    db.close();
  });

  it("checkpoints every 20 ms while the WAL is past a fifth of the backstop and has something to copy or grows", () => {
    const pace = { intervalMs: 250, hurryPages: HURRY_PAGES, hurryMs: 20 };
    // Near the backstop, with frames left to copy, or more than the pass before found: hurry.
    expect(nextPassIn({ log: HURRY_PAGES, checkpointed: HURRY_PAGES - 300 }, HURRY_PAGES, pace)).toBe(20);
    expect(nextPassIn({ log: 9000, checkpointed: 9000 }, 8000, pace)).toBe(20);
    // Small, or copied whole and no bigger than before (an idle server after a burst): the interval.
    expect(nextPassIn({ log: HURRY_PAGES - 1, checkpointed: 0 }, 0, pace)).toBe(250);
    expect(nextPassIn({ log: 9000, checkpointed: 9000 }, 9000, pace)).toBe(250);
    // Never slower than the interval asked for.
    expect(nextPassIn({ log: 9000, checkpointed: 10 }, 9000, { ...pace, intervalMs: 5 })).toBe(5);
  });

  it("a big WAL's next pass comes soon, in the thread too", async () => {
    const path = join(dir, "h.db");
    // About two frames a row: the WAL is well past HURRY_PAGES before the thread starts.
    const db = writeWithoutCheckpoints(path, HURRY_PAGES);
    const seen: { at: number; checkpointed: number; log: number }[] = [];
    const checkpointer = startCheckpointer(path, { intervalMs: 1500, onCheckpoint: (pages) => seen.push({ at: performance.now(), ...pages }) });
    // A write every few milliseconds from the start: one lands before the pass after the first.
    const writing = setInterval(() => db.prepare("INSERT INTO filler VALUES (?)").run("more".padEnd(3000, "y")), 5);
    try {
      const first = await waitFor("the first pass", () => seen[0]);
      expect(first.log).toBeGreaterThanOrEqual(HURRY_PAGES);
      const second = await waitFor("the next pass", () => seen[1]);
      expect(second.at - first.at).toBeLessThan(1000);
    } finally {
      clearInterval(writing);
      await checkpointer.stop();
      db.close();
    }
  });

  it("reports a checkpoint it cannot make, and stops all the same", async () => {
    const errors: string[] = [];
    const checkpointer = startCheckpointer(join(dir, "missing", "x.db"), { onError: (message) => errors.push(message) });
    await waitFor("an error", () => errors[0]);
    expect(errors[0]).toMatch(/unable to open|does not exist/i);
    await checkpointer.stop();
  });

  it("a server's connection then checkpoints by itself only as a backstop", async () => {
    const read = async (options: Parameters<typeof openSqliteFile>[1]) => {
      const opened = await openSqliteFile(join(dir, "s.db"), options);
      const [rows] = await opened.executor.batch([{ sql: "PRAGMA wal_autocheckpoint", params: [] }]);
      opened.close();
      return rows;
    };
    expect(await read({})).toEqual([{ wal_autocheckpoint: 1000 }]);
    expect(await read({ backgroundCheckpoints: { onError: () => {} } })).toEqual([{ wal_autocheckpoint: BACKSTOP_PAGES }]);
  });
});
