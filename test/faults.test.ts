/**
 * Faults with real parts: `sesame serve` killed under load, and stopped politely
 * with a request in flight. The invariant checker (`sesame check`) has the last word.
 */
import { createServer, type AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readFileMailbox } from "../src/mail/file.js";
import { recordingSmtp } from "./smtp.js";
import { client, mailsArrived, processSandbox, run, waitFor } from "./process.js";

const box = processSandbox("faults");
const serve = box.serve;

describe("sesame serve under faults", () => {
  it("SIGKILL under load, then a restart: every invariant holds and service goes on", async () => {
    const db = join(box.dir, "kill", "sesame.db");
    const mailPath = join(box.dir, "kill", "mail.jsonl");
    // A short lease: the mails the killed server held are free for the next one two seconds on.
    const env = { SESAME_DB: db, SESAME_MAILER: `file:${mailPath}`, SESAME_MAIL_LEASE_SECONDS: "2", SESAME_MAIL_RETRY_SECONDS: "1" };
    const first = await serve(env);
    const setup = client(first.url);
    await setup("/magic", { email: "base@example.com" });
    await setup("/signup", { token: new URL((await mailsArrived(mailPath, 1))[0]!.url).searchParams.get("token")!, name: "Base" });

    // Mixed traffic from 16 workers: new addresses, their sign-ups, and logins; killed mid-stream.
    let sent = 0;
    let answered = 0;
    const accepted = new Set<string>();
    let stopped = false;
    const worker = async (w: number) => {
      for (let i = 0; !stopped; i++) {
        const browser = client(first.url);
        try {
          sent++;
          if ((await browser("/magic", { email: `w${w}-${i}@example.com` })).status === 303) accepted.add(`w${w}-${i}@example.com`);
          const mail = (await readFileMailbox(mailPath)).find((m) => m.to === `w${w}-${i}@example.com`);
          if (mail) {
            sent++;
            await browser("/signup", { token: new URL(mail.url).searchParams.get("token")!, name: `W${w}` });
          }
          answered++;
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = Array.from({ length: 16 }, (_, w) => worker(w));
    await new Promise((resolve) => setTimeout(resolve, 700));
    first.process.kill("SIGKILL");
    stopped = true;
    await Promise.all(workers);
    expect(await first.exited).toBeNull(); // killed, not exited

    const check = await run(["check"], { SESAME_DB: db });
    console.log(
      `SIGKILL under load: ${sent} requests sent, ${answered} request pairs answered before the kill; check: ${check.stdout.trim() || check.stderr.trim()}`,
    );
    expect(check.stderr).toBe("");
    expect(check).toMatchObject({ code: 0 });
    expect(check.stdout).toContain("every invariant holds");
    expect(answered).toBeGreaterThan(0);

    const pendingAtKill = await pendingMails(db);
    // Restarted: the mails the killed server had leased (or not yet sent) go out now.
    const second = await serve(env);
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    await waitFor("the outbox to empty", async () => ((await pendingMails(db)) === 0 ? true : undefined), 20_000);
    const received = (await readFileMailbox(mailPath)).map((mail) => mail.to).filter((to) => to !== "base@example.com");
    const distinct = new Set(received);
    const lost = [...accepted].filter((email) => !distinct.has(email)).length;
    const duplicated = received.length - distinct.size;
    console.log(
      `SIGKILL, after the restart: ${accepted.size} link requests accepted, ${pendingAtKill} mails pending at the kill, ${distinct.size} delivered, ${duplicated} duplicated, ${lost} lost`,
    );
    expect(lost).toBe(0);
    // A mail is sent twice only if the kill fell between the mail service taking it and
    // its outcome being recorded: at most the tries in flight at that moment.
    expect(duplicated).toBeLessThanOrEqual(16);
    const again = client(second.url);
    expect((await again("/magic", { email: "after@example.com" })).status).toBe(303);
    const afterCheck = await run(["check"], { SESAME_DB: db });
    expect(afterCheck.code, afterCheck.stdout + afterCheck.stderr).toBe(0);
  });

  it("SIGTERM stops accepting, finishes the requests in flight and their mail, and exits 0", async () => {
    // An SMTP server that takes its time over each message, so mail is surely on its way at the signal.
    let delivered = 0;
    const smtp = recordingSmtp(() => delivered++, 500);
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    try {
      const port = (smtp.server.address() as AddressInfo).port;
      const db = join(box.dir, "term", "sesame.db");
      const server = await serve({ SESAME_DB: db, SESAME_MAILER: `smtp://127.0.0.1:${port}` });
      // One answered (its mail now at the slow SMTP server), then a burst the signal lands in.
      expect((await client(server.url)("/magic", { email: "first@example.com" })).status).toBe(303);
      const burst = Array.from({ length: 12 }, (_, i) =>
        client(server.url)("/magic", { email: `late${i}@example.com` }).then(
          (r) => r.status,
          () => "refused" as const,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 10));
      server.process.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 100));
      const afterSignal = await fetch(`${server.url}/healthz`).then(
        (r) => r.status,
        () => "refused",
      );
      const statuses = await Promise.all(burst);
      expect(await server.exited).toBe(0);
      const accepted = 1 + statuses.filter((status) => status === 303).length;
      console.log(
        `SIGTERM: ${accepted} requests accepted (one before the signal), ${statuses.filter((x) => x === "refused").length} refused at the door, ${delivered} mails delivered before exit`,
      );
      expect(statuses.every((status) => status === 303 || status === "refused")).toBe(true);
      expect(afterSignal).toBe("refused");
      expect(delivered).toBe(accepted);
      expect(server.output()).toContain("stopping");
      expect(await pendingMails(db)).toBe(0);
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it("SMTP down for a while: every accepted request's mail arrives once, none for refused requests", async () => {
    const received: string[] = [];
    const port = await freePort();
    const startSmtp = async () => {
      const smtp = recordingSmtp((to) => received.push(to));
      await new Promise<void>((resolve) => smtp.listen(port, "127.0.0.1", () => resolve()));
      return smtp;
    };
    let smtp = await startSmtp();
    const db = join(box.dir, "smtp", "sesame.db");
    const server = await serve({
      SESAME_DB: db,
      SESAME_MAILER: `smtp://127.0.0.1:${port}`,
      SESAME_MAIL_RETRY_SECONDS: "1",
      // One link per address per hour: the second ask for an address is refused (429).
      SESAME_RATE_LIMIT_ADDRESS: "1/3600",
    });
    const accepted = new Set<string>();
    const refused = new Set<string>();
    let n = 0;
    const ask = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const email = `p${n++}@example.com`;
        for (const attempt of [1, 2]) {
          const status = (await client(server.url)("/magic", { email })).status;
          if (attempt === 1 && status === 303) accepted.add(email);
          else if (attempt === 2 && status === 429) refused.add(email);
          else throw new Error(`unexpected ${status} for ${email} (ask ${attempt})`);
        }
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    };
    try {
      await ask(10);
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await ask(25); // about two seconds with the mail server gone
      smtp = await startSmtp();
      await ask(10);
      await waitFor(`${accepted.size} mails`, () => (new Set(received).size >= accepted.size ? true : undefined), 40_000);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // a late duplicate would show up here
      const distinct = new Set(received);
      const lost = [...accepted].filter((email) => !distinct.has(email)).length;
      const duplicated = received.length - distinct.size;
      const unasked = [...distinct].filter((email) => !accepted.has(email)).length;
      const retried = (server.output().match(/"event":"mail.failed"/g) ?? []).length;
      console.log(
        `SMTP down: ${accepted.size} accepted, ${refused.size} refused (429), ${distinct.size} delivered, ${duplicated} duplicated, ${lost} lost, ${unasked} for no accepted request; ${retried} failed tries logged`,
      );
      expect(retried).toBeGreaterThan(0);
      expect(refused.size).toBe(accepted.size);
      expect({ lost, duplicated, unasked }).toEqual({ lost: 0, duplicated: 0, unasked: 0 });
      expect(distinct.size).toBe(accepted.size);
      expect(await pendingMails(db)).toBe(0);
      const check = await run(["check"], { SESAME_DB: db });
      expect(check.code, check.stdout + check.stderr).toBe(0);
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it("SQLite locked by another process: 503 page and JSON, a log line, nothing written; service resumes by itself", async () => {
    const db = join(box.dir, "locked", "sesame.db");
    const mailPath = join(box.dir, "locked", "mail.jsonl");
    const server = await serve({ SESAME_DB: db, SESAME_MAILER: `file:${mailPath}` });
    expect((await client(server.url)("/magic", { email: "before@example.com" })).status).toBe(303);
    await mailsArrived(mailPath, 1);
    // That request also started the hourly purge, after its answer: counted before it is done, a
    // delivered mail's row it deletes would look like a change made under the lock.
    await waitFor("the first purge", () => (server.output().includes('"event":"purge.done"') ? true : undefined));
    const rowsBefore = await rowCounts(db);

    // Another process takes the write lock and keeps it (longer than the server's 5 s busy wait).
    const locker = new Database(db);
    locker.prepare("BEGIN EXCLUSIVE").run();
    let page: Response;
    let json: Response;
    try {
      page = await client(server.url)("/magic", { email: "during@example.com" });
      json = await fetch(`${server.url}/magic`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ email: "during-json@example.com" }),
      });
    } finally {
      locker.prepare("ROLLBACK").run();
      locker.close();
    }
    expect(page.status).toBe(503);
    expect(page.headers.get("retry-after")).toBe("30");
    expect(await page.text()).toContain("cannot reach its database right now. Nothing was changed");
    expect(json.status).toBe(503);
    expect(await json.json()).toMatchObject({ error: { code: "store_unavailable" } });
    expect(server.output()).toMatch(/"event":"store_unavailable"/);
    expect(await rowCounts(db)).toEqual(rowsBefore);

    // The lock gone, the next request goes through: no restart.
    expect((await client(server.url)("/magic", { email: "after@example.com" })).status).toBe(303);
    const mails = await mailsArrived(mailPath, 2);
    expect(mails.map((mail) => mail.to)).toEqual(["before@example.com", "after@example.com"]);
    const check = await run(["check"], { SESAME_DB: db });
    expect(check.code, check.stdout + check.stderr).toBe(0);
    // Each write waits out the 5 s busy timeout while the lock is held (the requests, and the
    // delivery loop's passes, one after another): 16 s here when the machine is quiet, over 30 when it is not.
  }, 60_000);
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Mails neither delivered nor dropped. */
async function pendingMails(db: string): Promise<number> {
  const reader = new Database(db, { readonly: true });
  try {
    return (reader.prepare("SELECT count(*) AS n FROM mail_outbox WHERE delivered_at IS NULL AND dropped_at IS NULL").get() as { n: number }).n;
  } finally {
    reader.close();
  }
}

async function rowCounts(db: string): Promise<Record<string, number>> {
  const reader = new Database(db, { readonly: true });
  try {
    const tables = ["accounts", "link_tokens", "sessions", "rate_limits", "mail_outbox"];
    return Object.fromEntries(tables.map((table) => [table, (reader.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]));
  } finally {
    reader.close();
  }
}
