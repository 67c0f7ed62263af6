/**
 * A mailer that appends each message as one JSON line to a file (through node:fs). For
 * end-to-end tests and local scripts that need to pick links up from another process;
 * like the development mailer, it writes live links in the clear, so not for production.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { mailerUnavailable } from "../core/errors.js";
import type { Mailer, MailMessage } from "../core/ports.js";
import { copyMailMessage } from "./message.js";

export type FileMail = MailMessage & { sentAt: string };

export function createFileMailer(path: string): Mailer {
  return {
    send(message: MailMessage): Promise<void> {
      // Only the documented keys, so readers can rely on the shape and nothing the caller
      // attached by accident ends up on disk.
      const record: FileMail = { ...copyMailMessage(message), sentAt: new Date().toISOString() };
      // JSON.stringify escapes newlines inside strings, so this is exactly one line, and one
      // append (O_APPEND) writes it whole: lines never interleave, even from two processes.
      // Synchronous because a few kilobytes into the page cache cost less than the thread
      // pool's hops for mkdir, open, write and close (bench/inproc.mjs W1, three alternating
      // runs: 258-275 µs of CPU a link request with fs/promises and a batch per write, 220-250 so).
      try {
        // Every time rather than once: the directory may be removed between test runs.
        mkdirSync(dirname(path), { recursive: true });
        appendFileSync(path, `${JSON.stringify(record)}\n`, { encoding: "utf8" });
      } catch (err) {
        return Promise.reject(mailerUnavailable(err));
      }
      return Promise.resolve();
    },
  };
}

/** All messages in the file, oldest first; [] when nothing has been sent yet. */
export async function readFileMailbox(path: string): Promise<FileMail[]> {
  let content: string;
  try {
    content = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const mails: FileMail[] = [];
  // Only whole lines: a last one without its newline is still being appended by the sender.
  const lines = content.split("\n").slice(0, -1);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    try {
      mails.push(JSON.parse(line) as FileMail);
    } catch (err) {
      throw new SyntaxError(`${path}:${index + 1} is not a JSON mail record`, { cause: err });
    }
  }
  return mails;
}
