/**
 * Faults with real parts: `sesame serve` killed under load, and stopped politely
 * with a request in flight. The invariant checker (`sesame check`) has the last word.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readFileMailbox } from "../src/mail/file.js";
import { assertBuilt, client, run, serve as serveProcess, type Served } from "./process.js";

const running: Served[] = [];
let dir: string;
beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), "sesame-faults-"));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const serve = (env: Record<string, string>) => serveProcess(env, running);

describe("sesame serve under faults", () => {
  it("SIGKILL under load, then a restart: every invariant holds and service goes on", async () => {
    const db = join(dir, "kill", "sesame.db");
    const mailPath = join(dir, "kill", "mail.jsonl");
    const env = { SESAME_DB: db, SESAME_MAILER: `file:${mailPath}` };
    const first = await serve(env);
    const setup = client(first.url);
    await setup("/magic", { email: "base@example.com" });
    await setup("/signup", { token: new URL((await readFileMailbox(mailPath))[0]!.url).searchParams.get("token")!, name: "Base" });

    // Mixed traffic from 16 workers: new addresses, their sign-ups, and logins; killed mid-stream.
    let sent = 0;
    let answered = 0;
    let stopped = false;
    const worker = async (w: number) => {
      for (let i = 0; !stopped; i++) {
        const browser = client(first.url);
        try {
          sent++;
          await browser("/magic", { email: `w${w}-${i}@example.com` });
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
    console.log(`SIGKILL under load: ${sent} requests sent, ${answered} request pairs answered before the kill; check: ${check.stdout.trim() || check.stderr.trim()}`);
    expect(check.stderr).toBe("");
    expect(check).toMatchObject({ code: 0 });
    expect(check.stdout).toContain("every invariant holds");
    expect(answered).toBeGreaterThan(0);

    const second = await serve(env);
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    const again = client(second.url);
    expect((await again("/magic", { email: "after@example.com" })).status).toBe(303);
  });

  it("SIGTERM stops accepting, finishes the request in flight (its mail included), and exits 0", async () => {
    // An SMTP server that takes its time over each message, so a request is surely in flight.
    let delivered = 0;
    const smtp = new SMTPServer({
      disabledCommands: ["STARTTLS"],
      authOptional: true,
      logger: false,
      onData(stream, _session, callback) {
        stream.on("data", () => undefined);
        stream.on("end", () =>
          setTimeout(() => {
            delivered++;
            callback();
          }, 800),
        );
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    try {
      const port = (smtp.server.address() as AddressInfo).port;
      const server = await serve({ SESAME_DB: join(dir, "term", "sesame.db"), SESAME_MAILER: `smtp://127.0.0.1:${port}` });
      const inFlight = client(server.url)("/magic", { email: "late@example.com" });
      await new Promise((resolve) => setTimeout(resolve, 300));
      server.process.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 100));
      const refused = await fetch(`${server.url}/healthz`).then(
        (r) => r.status,
        () => "refused",
      );
      const answer = await inFlight;
      expect(answer.status).toBe(303);
      expect(delivered).toBe(1);
      expect(refused).toBe("refused");
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain("stopping");
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
