/**
 * A Sesame on a real SQLite file with the development mailbox and a clock the
 * test moves, plus a small browser-like client that keeps cookies.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openApiDocument } from "../src/http/openapi/document.js";
import { createAnswerCheck } from "./openapi-check.js";
import { createSesame, DevMailbox, type LogRecord, type SesameOptions } from "../src/index.js";
import { openSqliteFile } from "../src/store/sqlite-file.js";

export const BASE_URL = "http://localhost:8787";
export const T0 = Date.UTC(2030, 0, 1, 12);

/**
 * A Sesame on a fresh SQLite file, a development mailbox and a clock the test moves. Unless
 * `settle` is false, an answer is handed back once the work it left running (its mail, its
 * webhooks) is done; a test of what happens before that (a mailer it holds) turns that off.
 */
export async function makeSesame(overrides: Partial<SesameOptions> = {}, { settle = true }: { settle?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "sesame-test-"));
  const dbPath = join(dir, "sesame.db");
  const db = await openSqliteFile(dbPath);
  const mailbox = new DevMailbox({ print: () => {} });
  const logs: LogRecord[] = [];
  let now = T0;
  const created = createSesame({
    baseUrl: BASE_URL,
    store: db.store,
    mailer: mailbox,
    devMailbox: mailbox,
    now: () => now,
    log: (record) => logs.push(record),
    // Most tests ask for several links to one address within a minute; the S10 tests set limits themselves.
    rateLimits: false,
    ...overrides,
  });
  // Every JSON answer a test gets from this Sesame is held to the OpenAPI description. The
  // work a request leaves running after its answer (the mail from the outbox, webhooks) is
  // awaited too, so that a test reads the mailbox as it will be, not as the race left it.
  const sesame: typeof created = {
    ...created,
    fetch: async (request, env, executionCtx) => {
      const response = await created.fetch(request, env, executionCtx);
      if (settle) await created.idle();
      await checkAnswer(request, response);
      return response;
    },
  };
  return {
    sesame,
    mailbox,
    logs,
    dbPath,
    db,
    advance(ms: number) {
      now += ms;
    },
    /** Everything logged, errors included with their message, stack and cause: for scanning for secrets. */
    logText(): string {
      return JSON.stringify(logs, (_key, value: unknown) =>
        value instanceof Error ? { message: value.message, stack: value.stack, cause: value.cause } : value,
      );
    },
    /** The link in the newest mail to this address. */
    lastLink(to?: string): URL {
      const mail = mailbox.list().find((m) => to === undefined || m.to === to);
      if (!mail) throw new Error(`no mail${to ? ` to ${to}` : ""}`);
      return new URL(mail.url);
    },
    browser() {
      // The Browser checks its answers itself.
      return new Browser(async (request) => {
        const response = await created.fetch(request);
        if (settle) await created.idle();
        return response;
      });
    },
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const checkAnswer = createAnswerCheck(openApiDocument({ baseUrl: BASE_URL, admin: true }));

/** A Sesame whose every JSON answer is held to the OpenAPI description (for suites that build their own). */
export function checkedSesame<S extends { fetch: (request: Request, ...rest: never[]) => Promise<Response> }>(sesame: S): S {
  return {
    ...sesame,
    fetch: async (request: Request, ...rest: never[]) => {
      const response = await sesame.fetch(request, ...rest);
      await checkAnswer(request, response);
      return response;
    },
  };
}

/** Sends requests as a browser would: Accept text/html, form posts, cookies kept. */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly fetch: (request: Request) => Promise<Response>) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(new Request(new URL(path, BASE_URL), { headers: { accept: "text/html,*/*", ...this.cookieHeader(), ...headers } }));
  }

  async post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(
      new Request(new URL(path, BASE_URL), {
        method: "POST",
        body: new URLSearchParams(fields),
        headers: {
          accept: "text/html,*/*",
          "content-type": "application/x-www-form-urlencoded",
          ...this.cookieHeader(),
          ...headers,
        },
      }),
    );
  }

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ") };
  }

  private async send(request: Request): Promise<Response> {
    const response = await this.fetch(request);
    // Every JSON answer a test gets through a Browser is held to the OpenAPI description.
    await checkAnswer(request, response);
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
}

/** The value of a hidden input in a page. */
export function hiddenValue(html: string, name: string): string {
  const match =
    html.match(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`)) ?? html.match(new RegExp(`<input[^>]*value="([^"]*)"[^>]*name="${name}"`));
  if (!match) throw new Error(`no hidden input ${name}`);
  return match[1]!;
}
