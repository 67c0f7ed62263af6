/**
 * createSmtpMailer against a real SMTP server: delivery, logging in, failures and bad URLs,
 * and how it takes a server's permanent and temporary refusals (S29). That it never sends
 * credentials or links in clear off this machine (S29): smtp-tls.test.ts. What both share:
 * test/smtp-mailer.ts.
 */
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import type { SMTPServerOptions } from "smtp-server";
import { describe, expect, it } from "vitest";
import { SesameError } from "../core/errors.js";
import { cleanups, mailer, parse, signupMessage, startServer } from "../../test/smtp-mailer.js";
import { createSmtpMailer } from "./smtp.js";

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

  it("rejects bad URLs at creation without repeating the password", async () => {
    for (const url of [
      "http://user:hunter2@127.0.0.1:25",
      "smtp://user:hunter2@127.0.0.1:25/path",
      "smtp://user:hunter2@127.0.0.1:25?tls=insecure",
      "smtp://user:hunter2%ZZ@127.0.0.1:25",
      "not a url hunter2",
    ]) {
      let err: unknown;
      try {
        await createSmtpMailer(url);
      } catch (e) {
        err = e;
      }
      expect(err, url).toBeInstanceOf(SesameError);
      expect((err as SesameError).code).toBe("invalid_options");
      expect((err as SesameError).message).not.toContain("hunter2");
    }
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
