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

describe("S29: SMTP never carries credentials or links in clear off this machine", () => {
  /** A server that takes any login, in clear too: the worst case a client must not rely on. */
  async function trustingServer(options: SMTPServerOptions = {}) {
    const passwords: string[] = [];
    let connections = 0;
    const server = await startServer({
      authOptional: false,
      allowInsecureAuth: true,
      onConnect(_session, callback) {
        connections += 1;
        callback();
      },
      onAuth(auth, _session, callback) {
        passwords.push(auth.password ?? "");
        callback(null, { user: auth.username });
      },
      ...options,
    });
    return { ...server, passwords, connections: () => connections };
  }

  // Tests can only reach this machine, and every loopback name rightly gets the loopback
  // policy. 0.0.0.0 is no loopback address, so the mailer applies the policy for remote
  // hosts to it, while Linux and macOS deliver a connection to 0.0.0.0 to this host, where
  // the server listens on 127.0.0.1. So the real policy and the real transport are tested
  // without a test-only option: an option naming "loopback" hosts would be a switch that
  // turns the TLS requirement off, open to every caller.
  it.each([
    // The server refuses the STARTTLS the mailer insists on.
    ["does not offer STARTTLS", { disabledCommands: ["STARTTLS"] }, /STARTTLS/],
    // The mailer sends STARTTLS though EHLO did not list it; the certificate then fails verification.
    ["hides STARTTLS (a downgrade that strips it from EHLO)", { disabledCommands: [], hideSTARTTLS: true }, /certificate/],
  ] as const)("S29: to a host that is not loopback, STARTTLS is required: a server that %s never receives the password", async (_name, options, why) => {
    const server = await trustingServer({ ...options, disabledCommands: [...options.disabledCommands] });
    const err = await mailer(`smtp://user:hunter2-secret@0.0.0.0:${server.port}`)
      .send(signupMessage("ada@example.com"))
      .catch((e: unknown) => e);

    expect(server.connections()).toBeGreaterThan(0);
    expect(err).toBeInstanceOf(SesameError);
    expect((err as SesameError).code).toBe("mailer_unavailable");
    expect(((err as SesameError).cause as Error).message).toMatch(why);
    expect(server.passwords).toEqual([]);
    expect(server.received).toEqual([]);

    // The same server, the same URL on loopback: it takes the password in clear, so the
    // refusal above is the mailer's doing, not the server's.
    await mailer(`smtp://user:hunter2-secret@127.0.0.1:${server.port}`).send(signupMessage("ada@example.com"));
    expect(server.passwords).toEqual(["hunter2-secret"]);
  });

  it("S29: with tls=off the mailer never tries STARTTLS, for a loopback relay whose certificate cannot be verified", async () => {
    // STARTTLS offered with smtp-server's self-signed certificate: without tls=off the
    // upgrade is tried and fails (see "does not fall back to plaintext" above).
    const server = await trustingServer({ disabledCommands: [] });
    await mailer(`smtp://relay:pw@127.0.0.1:${server.port}?tls=off`).send(signupMessage("ada@example.com"));
    expect(server.passwords).toEqual(["pw"]);
    expect(server.received).toHaveLength(1);
  });

  it("S29: refuses at creation a user or password with tls=off off loopback, tls=off on smtps:// and any other query, without repeating the password", () => {
    for (const url of [
      "smtp://user:hunter2@mail.example.com:587?tls=off",
      "smtp://user:hunter2@10.0.0.5:25?tls=off",
      "smtp://user:hunter2@[2001:db8::1]:25?tls=off",
      "smtp://user:hunter2@0.0.0.0:25?tls=off",
      "smtp://user:hunter2@127.0.0.1.example:25?tls=off",
      "smtp://hunter2@mail.example.com:25?tls=off",
      "smtps://user:hunter2@127.0.0.1:465?tls=off",
      "smtp://user:hunter2@127.0.0.1:25?tls=on",
      "smtp://user:hunter2@127.0.0.1:25?tls=off&tls=off",
      "smtp://user:hunter2@127.0.0.1:25?TLS=off",
      "smtp://user:hunter2@127.0.0.1:25?&",
    ]) {
      let err: unknown;
      try {
        createSmtpMailer(url).close();
      } catch (e) {
        err = e;
      }
      expect(err, url).toBeInstanceOf(SesameError);
      expect((err as SesameError).code).toBe("invalid_options");
      expect((err as SesameError).message).not.toContain("hunter2");
    }
  });

  it("S29: accepts tls=off with a password on loopback, and without one anywhere", () => {
    for (const url of [
      "smtp://user:pw@localhost:25?tls=off",
      "smtp://user:pw@127.0.0.2:25?tls=off",
      "smtp://user:pw@[::1]:25?tls=off",
      "smtp://relay.internal:25?tls=off",
    ]) {
      expect(() => createSmtpMailer(url).close(), url).not.toThrow();
    }
  });

  it("S29: refuses a From that is not exactly one mailbox, such as a group that adds a recipient", () => {
    for (const from of [
      "Example Bcc:victim@evil.test",
      "Example <no-reply@app.example>\r\nBcc: victim@evil.test",
      "no-reply@app.example, victim@evil.test",
      "Example <no-reply@app.example>; victim@evil.test",
      "Team: no-reply@app.example;",
      "<no-reply@app.example> <victim@evil.test>",
      "=?utf-8?q?victim=40evil.test?= <no-reply@app.example>",
      "Example (victim@evil.test) <no-reply@app.example>",
      "",
    ]) {
      let err: unknown;
      try {
        createSmtpMailer("smtp://127.0.0.1:25", { from }).close();
      } catch (e) {
        err = e;
      }
      expect(err, from).toBeInstanceOf(SesameError);
      expect((err as SesameError).code).toBe("invalid_options");
      expect((err as SesameError).message).toMatch(/^createSmtpMailer: from must be one mailbox/);
    }
  });

  it("S29: sends the one checked From mailbox, with a name that needs quoting, to the one recipient", async () => {
    const { port, received } = await startServer();
    await mailer(`smtp://127.0.0.1:${port}`, { from: "Example Inc. <no-reply@app.example>" }).send(signupMessage("ada@example.com"));
    expect(received[0]!.rcptTo).toEqual(["ada@example.com"]);
    expect(received[0]!.from).toBe("no-reply@app.example");
    const parsed = await parse(received[0]!.raw);
    expect(parsed.from?.value).toEqual([{ name: "Example Inc.", address: "no-reply@app.example" }]);
  });

  it("S29: a real SMTP server receives Auto-Submitted and X-Auto-Response-Suppress", async () => {
    const { port, received } = await startServer();
    await mailer(`smtp://127.0.0.1:${port}`).send(signupMessage("ada@example.com"));
    const parsed = await parse(received[0]!.raw);
    expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
    expect(parsed.headers.get("x-auto-response-suppress")).toBe("OOF, AutoReply");
  });
});

describe("S29: permanent and temporary refusals", () => {
  /** An error smtp-server answers with this reply code. */
  function reply(code: number, text: string): Error {
    return Object.assign(new Error(text), { responseCode: code });
  }

  async function sendTo(options: SMTPServerOptions): Promise<SesameError> {
    const { port } = await startServer(options);
    const err = await mailer(`smtp://127.0.0.1:${port}`)
      .send(signupMessage("person@example.com"))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SesameError);
    return err as SesameError;
  }

  it("S29: a 5xx to RCPT TO (no such recipient) rejects with mail_rejected, keeping the server's reply", async () => {
    const err = await sendTo({
      onRcptTo(_address, _session, callback) {
        callback(reply(550, "5.1.1 <person@example.com>: Recipient address rejected"));
      },
    });
    expect(err.code).toBe("mail_rejected");
    expect((err.cause as { responseCode?: number }).responseCode).toBe(550);
    expect((err.cause as Error).message).toContain("Recipient address rejected");
  });

  it("S29: a 5xx to the message itself rejects with mail_rejected", async () => {
    const err = await sendTo({
      onData(stream, _session, callback) {
        stream.on("data", () => undefined);
        stream.on("end", () => callback(reply(554, "5.7.1 Message rejected as spam")));
      },
    });
    expect(err.code).toBe("mail_rejected");
  });

  it("S29: a 4xx to RCPT TO (greylisting, a full mailbox) stays mailer_unavailable, to be tried again", async () => {
    const err = await sendTo({
      onRcptTo(_address, _session, callback) {
        callback(reply(450, "4.2.0 <person@example.com>: Recipient address rejected: Greylisted"));
      },
    });
    expect(err.code).toBe("mailer_unavailable");
  });

  it("S29: a 5xx to MAIL FROM (our sender is not allowed) stays mailer_unavailable: every mail would meet it", async () => {
    const err = await sendTo({
      onMailFrom(_address, _session, callback) {
        callback(reply(553, "5.7.1 Sender address rejected: not owned by user"));
      },
    });
    expect(err.code).toBe("mailer_unavailable");
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
