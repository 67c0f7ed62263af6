/**
 * A mailer that appends each message as one JSON line to a file (Node only). For
 * end-to-end tests and local scripts that need to pick links up from another process;
 * like the development mailer, it writes live links in the clear, so not for production.
 */
import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { mailerUnavailable } from "../core/errors.js";
import type { Mailer, MailMessage } from "../core/ports.js";
import { copyMailMessage } from "./message.js";

export type FileMail = MailMessage & { sentAt: string };

export function createFileMailer(path: string): Mailer {
  // Lines wait here while a write is under way, then go out together in one append: lines
  // never interleave, and a burst of sends costs one open and write, not one each.
  let waiting: { line: string; settle: (error?: unknown) => void }[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    writing = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      let failure: unknown;
      try {
        // Every time rather than once: the directory may be removed between test runs.
        await mkdir(dirname(path), { recursive: true });
        await appendFile(path, batch.map((entry) => entry.line).join(""), { encoding: "utf8" });
      } catch (err) {
        failure = mailerUnavailable(err);
      }
      for (const entry of batch) entry.settle(failure);
    }
    writing = false;
  }

  return {
    send(message: MailMessage): Promise<void> {
      // Only the documented keys, so readers can rely on the shape and nothing the caller
      // attached by accident ends up on disk.
      const record: FileMail = { ...copyMailMessage(message), sentAt: new Date().toISOString() };
      // JSON.stringify escapes newlines inside strings, so this is exactly one line.
      const line = `${JSON.stringify(record)}\n`;
      return new Promise<void>((resolve, reject) => {
        waiting.push({ line, settle: (error) => (error === undefined ? resolve() : reject(error)) });
        if (!writing) void drain();
      });
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
