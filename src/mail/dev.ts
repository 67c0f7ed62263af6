/**
 * The development mailer: keeps recent messages in memory and prints each link, so a
 * developer can sign up and log in without a mail server. Web APIs only, so it also runs
 * under `wrangler dev` and friends.
 *
 * Printing links is the point of this mailer and the reason it must never be used in
 * production: anyone who can read the logs could log in as anyone.
 */
import { mailerUnavailable } from "../core/errors.js";
import type { Clock, Mailer, MailMessage } from "../core/ports.js";
import { copyMailMessage } from "./message.js";

export interface DevMail extends MailMessage {
  /** Increases by one per message, starting at 1; handy to tell "the newest" apart. */
  readonly id: number;
  readonly sentAt: number;
}

export interface DevMailboxOptions {
  /** How many messages to keep; older ones are dropped. Default 50. */
  limit?: number;
  /** Where the console block goes, one call per line. Default console.log. */
  print?: (line: string) => void;
  clock?: Clock;
}

export const DEV_MAILER_BANNER = "Sesame development mailer (not for production): links are printed, not sent";

export class DevMailbox implements Mailer {
  readonly #limit: number;
  readonly #print: (line: string) => void;
  readonly #clock: Clock;
  /** Newest first. */
  #mails: DevMail[] = [];
  #nextId = 1;

  constructor(options: DevMailboxOptions = {}) {
    const limit = options.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`DevMailbox limit must be a positive integer, got ${limit}`);
    }
    this.#limit = limit;
    // Bound lazily so a console.log replaced later (e.g. by a test spy) is still honoured.
    this.#print = options.print ?? ((line) => console.log(line));
    this.#clock = options.clock ?? Date.now;
  }

  async send(message: MailMessage): Promise<void> {
    // Copy the known fields only: callers may reuse or mutate their object afterwards.
    const mail: DevMail = Object.freeze({
      id: this.#nextId++,
      sentAt: this.#clock(),
      ...copyMailMessage(message),
    });
    this.#mails.unshift(mail);
    if (this.#mails.length > this.#limit) this.#mails.length = this.#limit;

    try {
      for (const line of block(mail)) this.#print(line);
    } catch (err) {
      // The message is stored either way; the caller still learns the link was not shown.
      throw mailerUnavailable(err);
    }
  }

  /** Newest first. A snapshot: later sends do not change the returned array. */
  list(): readonly DevMail[] {
    return [...this.#mails];
  }

  clear(): void {
    this.#mails = [];
  }
}

function block(mail: DevMail): string[] {
  const rule = "-".repeat(DEV_MAILER_BANNER.length);
  return [rule, DEV_MAILER_BANNER, `To:      ${printable(mail.to)}`, `Subject: ${printable(mail.subject)}`, `Link:    ${printable(mail.url)}`, rule];
}

/**
 * The address is typed by whoever uses the form; without this, control characters in it
 * could rewrite the developer's terminal (ANSI escapes) or forge extra log lines.
 */
function printable(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
