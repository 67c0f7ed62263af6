/**
 * S29: the SMTP mailer never sends credentials or links in clear off this machine, and
 * sends one checked From mailbox, against a real SMTP server. What the SMTP tests share:
 * test/smtp-mailer.ts.
 */
import type { SMTPServerOptions } from "smtp-server";
import { describe, expect, it } from "vitest";
import { SesameError } from "../core/errors.js";
import { mailer, parse, signupMessage, startServer } from "../../test/smtp-mailer.js";
import { createSmtpMailer } from "./smtp.js";

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

  it("S29: refuses at creation a user or password with tls=off off loopback, tls=off on smtps:// and any other query, without repeating the password", async () => {
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
        (await createSmtpMailer(url)).close();
      } catch (e) {
        err = e;
      }
      expect(err, url).toBeInstanceOf(SesameError);
      expect((err as SesameError).code).toBe("invalid_options");
      expect((err as SesameError).message).not.toContain("hunter2");
    }
  });

  it("S29: accepts tls=off with a password on loopback, and without one anywhere", async () => {
    for (const url of [
      "smtp://user:pw@localhost:25?tls=off",
      "smtp://user:pw@127.0.0.2:25?tls=off",
      "smtp://user:pw@[::1]:25?tls=off",
      "smtp://relay.internal:25?tls=off",
    ]) {
      await expect(
        createSmtpMailer(url).then((m) => m.close()),
        url,
      ).resolves.toBeUndefined();
    }
  });

  it("S29: refuses a From that is not exactly one mailbox, such as a group that adds a recipient", async () => {
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
        (await createSmtpMailer("smtp://127.0.0.1:25", { from })).close();
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
