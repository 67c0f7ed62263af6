/**
 * A mailer that appends each message as one JSON line to a file (Node only). For
 * end-to-end tests and local scripts that need to pick links up from another process;
 * like the development mailer, it writes live links in the clear, so not for production.
 */
import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { mailerUnavailable } from "../core/errors.js";
import type { Mailer, MailMessage } from "../core/ports.js";
import { copyMailMessage } from "./templates.js";

export type FileMail = MailMessage & { sentAt: string };

export function createFileMailer(path: string): Mailer {
  // Writes are chained so that lines never interleave even if one append were split into
  // several write(2) calls; each send still settles with its own outcome.
  let tail: Promise<unknown> = Promise.resolve();

  async function write(line: string): Promise<void> {
    try {
      // Every time rather than once: the directory may be removed between test runs.
      await mkdir(dirname(path), { recursive: true });
      await appendFile(path, line, { encoding: "utf8" });
    } catch (err) {
      throw mailerUnavailable(err);
    }
  }

  return {
    send(message: MailMessage): Promise<void> {
      // Only the documented keys, so readers can rely on the shape and nothing the caller
      // attached by accident ends up on disk.
      const record: FileMail = { ...copyMailMessage(message), sentAt: new Date().toISOString() };
      // JSON.stringify escapes newlines inside strings, so this is exactly one line.
      const line = `${JSON.stringify(record)}\n`;
      const result = tail.then(() => write(line));
      tail = result.catch(() => undefined);
      return result;
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
  const lines = content.split("\n");
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
