/**
 * `sesame backup` while `sesame serve` writes, and `sesame restore` of that copy into a
 * new file: the copy passes `sesame check`, and a server on it serves the sessions it holds.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { client, mailsArrived, processSandbox, run, serve } from "./process.js";

const box = processSandbox("backup");

describe("sesame backup and restore", () => {
  it("copies the database under write load; the restored copy passes sesame check and serves a session from before the backup", async () => {
    const db = join(box.dir, "live", "sesame.db");
    const mailPath = join(box.dir, "mail.jsonl");
    const env = { SESAME_DB: db, SESAME_MAILER: `file:${mailPath}`, SESAME_BASE_URL: "http://127.0.0.1:1" };
    const server = await serve(env, box.running);
    await client(server.url)("/magic", { email: "ada@example.com" });
    const [mail] = await mailsArrived(mailPath, 1);
    const signedUp = await fetch(`${server.url}/signup`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: new URL(mail!.url).searchParams.get("token")!, name: "Ada" }),
    });
    const cookie = signedUp.headers
      .getSetCookie()
      .find((line) => line.startsWith("sesame_session="))!
      .split(";")[0]!;

    // Writes going on the whole time: a link request for a new address after another.
    let writing = true;
    let written = 0;
    const load = (async () => {
      while (writing) {
        const answer = await client(server.url)("/magic", { email: `load-${written}@example.com` });
        if (answer.status === 303) written += 1;
      }
    })();
    while (written < 20) await new Promise((resolve) => setTimeout(resolve, 20));
    const backup = join(box.dir, "backups", "sesame-copy.db");
    const backedUp = await run(["backup", backup], env);
    const writtenAtBackup = written;
    while (written < writtenAtBackup + 20) await new Promise((resolve) => setTimeout(resolve, 20));
    writing = false;
    await load;
    expect(backedUp.code, backedUp.stderr).toBe(0);
    expect(backedUp.stdout).toContain(`backed up ${db} to ${backup}, its key file to ${backup}.key`);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    // A snapshot: every link written before the backup began, none after the load stopped.
    const copy = new Database(backup, { readonly: true });
    const { n: links } = copy.prepare("SELECT count(*) AS n FROM link_tokens").get() as { n: number };
    copy.close();
    expect(links).toBeGreaterThanOrEqual(21);
    expect(links).toBeLessThanOrEqual(written + 1);
    expect(statSync(`${backup}.key`).mode & 0o777).toBe(0o600);
    expect((await run(["backup", backup], env)).stderr).toMatch(/exists already \(a backup never overwrites\)/);

    // Restored into a new file, beside which no key file exists yet.
    const restoredDb = join(box.dir, "restored", "sesame.db");
    const restoredEnv = { ...env, SESAME_DB: restoredDb };
    expect((await run(["restore", backup], env)).stderr).toMatch(/SESAME_DB names an existing database/);
    const restored = await run(["restore", backup], restoredEnv);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain("every invariant holds");
    const checked = await run(["check"], restoredEnv);
    expect(checked.code, checked.stderr).toBe(0);

    await server.stop();
    const second = await serve(restoredEnv, box.running);
    // The session cookie the first server set, sent to a server on the restored copy.
    const answer = await fetch(`${second.url}/session`, { headers: { cookie } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ account: { email: "ada@example.com" } });
  });
});
