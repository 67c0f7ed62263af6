import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { SesameError } from "../core/errors.js";
import type { MailMessage } from "../core/ports.js";
import { createSmtpMailer } from "./smtp.js";
import { renderLinkMail } from "./templates.js";

interface Received {
  raw: Buffer;
  from: string | undefined;
  rcptTo: string[];
  user: unknown;
}

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A real SMTP server on 127.0.0.1 that keeps what it receives. */
async function startServer(options: SMTPServerOptions = {}): Promise<{ port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    // No STARTTLS: the server's built-in certificate is self-signed, and this is the
    // "local server without TLS" case smtp:// must handle.
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const mailFrom = session.envelope.mailFrom;
        received.push({
          raw: Buffer.concat(chunks),
          from: mailFrom === false ? undefined : mailFrom.address,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          user: session.user,
        });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.server.address() as AddressInfo).port, received };
}

function mailer(url: string, options?: Parameters<typeof createSmtpMailer>[1]) {
  const m = createSmtpMailer(url, options);
  cleanups.push(() => m.close());
  return m;
}

function signupMessage(to: string): MailMessage {
  const url = "https://app.example/auth/signup?token=Zq3-_8aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789a";
  return { to, kind: "signup", url, ...renderLinkMail({ kind: "signup", to, url, validFor: "8 hours", appName: "Example" }) };
}

async function parse(raw: Buffer): Promise<ParsedMail> {
  return simpleParser(raw);
}

describe("createSmtpMailer", () => {
  it("delivers a rendered sign-up mail with both parts carrying the exact link", async () => {
    const { port, received } = await startServer();
    const message = signupMessage("ada@example.com");
    await mailer(`smtp://127.0.0.1:${port}`, { from: "Example <no-reply@app.example>" }).send(message);

    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(got.rcptTo).toEqual(["ada@example.com"]);
    expect(got.from).toBe("no-reply@app.example");

    const parsed = await parse(got.raw);
    expect(parsed.subject).toBe("Finish signing up for Example");
    expect(parsed.from?.value).toEqual([{ name: "Example", address: "no-reply@app.example" }]);
    const to = Array.isArray(parsed.to) ? parsed.to : [parsed.to];
    expect(to.flatMap((a) => a?.value.map((v) => v.address))).toEqual(["ada@example.com"]);
    expect(parsed.text).toContain(message.url);
    expect(typeof parsed.html).toBe("string");
    expect(parsed.html as string).toContain(`href="${message.url}"`);
    expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
  });

  it("uses the default From when none is given", async () => {
    const { port, received } = await startServer();
    await mailer(`smtp://127.0.0.1:${port}`).send(signupMessage("ada@example.com"));
    const parsed = await parse(received[0]!.raw);
    expect(parsed.from?.value).toEqual([{ name: "Sesame", address: "no-reply@localhost" }]);
  });

  it("logs in with the percent-decoded user and password from the URL", async () => {
    const attempts: Array<{ username: string | undefined; password: string | null | undefined }> = [];
    const { port, received } = await startServer({
      authOptional: false,
      // Auth over plaintext is fine for a loopback test server.
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        attempts.push({ username: auth.username, password: auth.password });
        if (auth.username === "mailer@app.example" && auth.password === "p@ss:w/rd") {
          callback(null, { user: auth.username });
        } else {
          callback(new Error("Invalid username or password"));
        }
      },
    });

    await mailer(`smtp://mailer%40app.example:p%40ss%3Aw%2Frd@127.0.0.1:${port}`).send(signupMessage("ada@example.com"));
    expect(attempts).toEqual([{ username: "mailer@app.example", password: "p@ss:w/rd" }]);
    expect(received).toHaveLength(1);
    expect(received[0]!.user).toBe("mailer@app.example");
  });

  it("rejects with mailer_unavailable when the server refuses the credentials", async () => {
    const { port, received } = await startServer({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(_auth, _session, callback) {
        callback(new Error("Invalid username or password"));
      },
    });
    const err = await mailer(`smtp://user:wrong@127.0.0.1:${port}`)
      .send(signupMessage("ada@example.com"))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SesameError);
    expect((err as SesameError).code).toBe("mailer_unavailable");
    expect(received).toHaveLength(0);
  });

  it("does not fall back to plaintext when an offered STARTTLS upgrade fails", async () => {
    // STARTTLS enabled, with smtp-server's built-in self-signed certificate: the upgrade
    // fails verification, and neither the password nor the link may go out regardless
    // (this fails if certificate checks are relaxed, e.g. rejectUnauthorized: false).
    const attempts: string[] = [];
    const { port, received } = await startServer({
      disabledCommands: [],
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        attempts.push(auth.username ?? "");
        callback(null, { user: auth.username });
      },
    });
    const err = await mailer(`smtp://user:secret@127.0.0.1:${port}`)
      .send(signupMessage("ada@example.com"))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SesameError);
    expect((err as SesameError).code).toBe("mailer_unavailable");
    expect(attempts).toEqual([]);
    expect(received).toHaveLength(0);
  });

  it("rejects with mailer_unavailable when nothing listens on the port, within seconds", async () => {
    const port = await closedPort();
    const started = Date.now();
    const err = await mailer(`smtp://127.0.0.1:${port}`)
      .send(signupMessage("ada@example.com"))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SesameError);
    expect((err as SesameError).code).toBe("mailer_unavailable");
    expect((err as SesameError).cause).toBeInstanceOf(Error);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("gives up on a server that accepts the connection but never greets", async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      sockets.add(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", () => resolve()));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          silent.close(() => resolve());
        }),
    );
    const port = (silent.address() as AddressInfo).port;

    const started = Date.now();
    const err = await mailer(`smtp://127.0.0.1:${port}`, { timeoutMs: 300 })
      .send(signupMessage("ada@example.com"))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SesameError);
    expect((err as SesameError).code).toBe("mailer_unavailable");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("rejects bad URLs at creation without repeating the password", () => {
    for (const url of [
      "http://user:hunter2@127.0.0.1:25",
      "smtp://user:hunter2@127.0.0.1:25/path",
      "smtp://user:hunter2@127.0.0.1:25?tls=insecure",
      "smtp://user:hunter2%ZZ@127.0.0.1:25",
      "not a url hunter2",
    ]) {
      let err: unknown;
      try {
        createSmtpMailer(url);
      } catch (e) {
        err = e;
      }
      expect(err, url).toBeInstanceOf(SesameError);
      expect((err as SesameError).code).toBe("invalid_options");
      expect((err as SesameError).message).not.toContain("hunter2");
    }
  });
});

/** A port that was free a moment ago and has nothing listening on it now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
