/**
 * A real `sesame serve` for the browser suite: its own SQLite file and the file mailer,
 * whose mails the tests read back from disk as a person would open them in a mail program.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { readFileMailbox, type FileMail } from "../../src/mail/file.js";
import { assertBuilt, mailsArrived, serve, type Served } from "../process.js";

export interface BrowserServer {
  url: string;
  served: Served;
  /** Mails to `to`, oldest first. */
  mailsTo(to: string): Promise<FileMail[]>;
  /** Waits until `to` has received `count` mails; returns the newest. */
  waitForMail(to: string, count: number): Promise<FileMail>;
  /** Makes every link mailed to `to` expire now, as if its lifetime had passed. */
  expireLinksTo(to: string): void;
  close(): Promise<void>;
}

/** A port nobody listens on now, so the base URL (and the links in mails) can name it. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export async function startServer(env: Record<string, string> = {}): Promise<BrowserServer> {
  assertBuilt();
  const dir = mkdtempSync(join(tmpdir(), "sesame-browser-"));
  const mailPath = join(dir, "mail.jsonl");
  const dbPath = join(dir, "sesame.db");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const served = await serve({ PORT: String(port), SESAME_BASE_URL: url, SESAME_DB: dbPath, SESAME_MAILER: `file:${mailPath}`, ...env });

  const mailsTo = async (to: string) => (await readFileMailbox(mailPath)).filter((mail) => mail.to === to);
  return {
    url,
    served,
    mailsTo,
    async waitForMail(to, count) {
      // Mail leaves after the answer (from the outbox): wait for it, with a deadline.
      return (await mailsArrived(mailPath, count, (mail) => mail.to === to))[count - 1]!;
    },
    expireLinksTo(to) {
      const db = new Database(dbPath);
      try {
        db.pragma("busy_timeout = 5000");
        db.prepare("UPDATE link_tokens SET expires_at = ? WHERE email = ? AND used_at IS NULL").run(Date.now() - 1000, to);
      } finally {
        db.close();
      }
    },
    async close() {
      await served.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
