/**
 * What the tests of the HTTP mailers (src/mail/http: Resend, Postmark, Amazon SES) share: a
 * real HTTP server on 127.0.0.1 in a provider's place, closed after each test; a login
 * message; and the checks on what a refusal carries and what it must never repeat.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterEach, expect } from "vitest";
import { SesameError } from "../src/core/errors.js";
import type { Mailer, MailMessage } from "../src/core/ports.js";
import { renderLinkMail } from "../src/mail/templates.js";

export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

type Reply = (res: ServerResponse, req: Received) => void;

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A real HTTP server on 127.0.0.1 that keeps each request and answers with `reply` (or never, without one). */
export async function startServer(reply?: Reply): Promise<{ endpoint: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const got = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) };
      received.push(got);
      reply?.(res, got);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return (res) => {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
}

export const TOKEN = "Zq3-_8aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789a";

export function loginMessage(to = "ada@example.com", token = TOKEN, query = ""): MailMessage {
  const url = `https://app.example/auth/login?token=${token}${query}`;
  return { to, kind: "login", url, ...renderLinkMail({ kind: "login", to, url, validFor: "15 minutes", appName: "Example", code: "482913" }) };
}

export async function rejection(promise: Promise<unknown>): Promise<SesameError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SesameError);
  return err as SesameError;
}

/** Everything an error could show in a log: messages, stacks and causes, all the way down. */
function everythingSaid(err: unknown): string {
  return inspect(err, { depth: Infinity }) + JSON.stringify(err) + String(err);
}

/** The detailed description lives on the cause; the SesameError's own message stays generic. */
export function detail(err: SesameError, code: "mailer_unavailable" | "mail_rejected" = "mailer_unavailable"): string {
  expect(err.code).toBe(code);
  expect(err.cause).toBeInstanceOf(Error);
  return (err.cause as Error).message;
}

/** What the providers must send beside the message (S29): auto-responders stay quiet. */
export const AUTOMATED = { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "OOF, AutoReply" };
export const AUTOMATED_LIST = [
  { Name: "Auto-Submitted", Value: "auto-generated" },
  { Name: "X-Auto-Response-Suppress", Value: "OOF, AutoReply" },
];

export function expectNoSecrets(err: SesameError, secrets: string[], message: MailMessage): void {
  const said = everythingSaid(err);
  for (const secret of [...secrets, message.url, TOKEN]) expect(said).not.toContain(secret);
}

/** A server that takes the request and never answers, for the deadline tests. */
export async function silentEndpoint(): Promise<string> {
  return (await startServer()).endpoint;
}

export async function expectDeadline(mailer: Mailer, provider: string): Promise<void> {
  const started = Date.now();
  const err = await rejection(mailer.send(loginMessage()));
  expect(Date.now() - started).toBeLessThan(2_000);
  expect(detail(err)).toBe(`${provider} did not answer within 300 ms`);
}

export async function closedEndpoint(): Promise<string> {
  const { endpoint } = await startServer();
  // The server's cleanup already runs; close it now so nothing listens on the port.
  await cleanups.pop()?.();
  return endpoint;
}
