/**
 * createResendMailer against a local server that answers as Resend's API does (what the HTTP
 * mailers' tests share: test/http-mailers.ts).
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  AUTOMATED,
  closedEndpoint,
  detail,
  expectDeadline,
  expectNoSecrets,
  json,
  loginMessage,
  rejection,
  silentEndpoint,
  startServer,
  TOKEN,
} from "../../../test/http-mailers.js";
import { createResendMailer, idempotencyKeyFor } from "./resend.js";

describe("createResendMailer", () => {
  const apiKey = "re_test_9f8e7d6c5b4a39281706f5e4d3c2b1a0";

  it("POSTs /emails as Resend's API reference describes and resolves on 200 { id }", async () => {
    const { endpoint, received } = await startServer(json(200, { id: "49a3999c-0ce1-4ea6-ab68-afcd6dc2e794" }));
    const message = loginMessage();
    await createResendMailer({ apiKey, from: "Example <no-reply@app.example>", endpoint }).send(message);

    expect(received).toHaveLength(1);
    const req = received[0]!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/emails");
    expect(req.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(req.headers["content-type"]).toBe("application/json");
    // Resend rejects requests without a User-Agent with 403.
    expect(req.headers["user-agent"]).toBe("sesame");
    const expectedKey =
      "sesame-link/" +
      createHash("sha256")
        .update(JSON.stringify([message.to, message.subject, message.url]))
        .digest("hex");
    expect(req.headers["idempotency-key"]).toBe(expectedKey);
    expect(JSON.parse(req.body.toString("utf8"))).toEqual({
      from: "Example <no-reply@app.example>",
      to: ["ada@example.com"],
      subject: "Your login link for Example",
      html: message.html,
      text: message.text,
      headers: AUTOMATED,
    });
    expect(message.html).toContain(`href="${message.url}"`);
  });

  it("sends the same Idempotency-Key when the same message is retried, and another for another link", async () => {
    const { endpoint, received } = await startServer(json(200, { id: "x" }));
    const mailer = createResendMailer({ apiKey, from: "no-reply@app.example", endpoint });
    await mailer.send(loginMessage());
    await mailer.send(loginMessage());
    await mailer.send(loginMessage("ada@example.com", "another-token-0123456789abcdefghijklmnop"));
    const keys = received.map((r) => r.headers["idempotency-key"]);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
    // At most 256 characters, per Resend.
    expect(keys[0]!.length).toBeLessThanOrEqual(256);
    expect(await idempotencyKeyFor(loginMessage())).toBe(keys[0]);
  });

  it("S29: rejects with mail_rejected, carrying Resend's error name and message, on a 422 validation_error about `to`", async () => {
    const { endpoint } = await startServer(
      json(422, {
        statusCode: 422,
        name: "validation_error",
        message: "Invalid `to` field. The email address needs to follow the `email@example.com` format.",
      }),
    );
    const message = loginMessage();
    const err = await rejection(createResendMailer({ apiKey, from: "no-reply@app.example", endpoint }).send(message));
    expect(detail(err, "mail_rejected")).toBe(
      "Resend refused the message with HTTP 422: validation_error: Invalid `to` field. The email address needs to follow the `email@example.com` format.",
    );
    expectNoSecrets(err, [apiKey], message);
  });

  it("S29: keeps other 4xx and 5xx answers mailer_unavailable: the sender, the key, the quota, an outage", async () => {
    const answers: Array<[number, unknown]> = [
      [422, { statusCode: 422, name: "validation_error", message: "Invalid `from` field. The email address needs to follow the `email@example.com` format." }],
      [422, { statusCode: 422, name: "invalid_from_address", message: "Invalid `from` field." }],
      [403, { statusCode: 403, name: "validation_error", message: "The app.example domain is not verified." }],
      [429, { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests." }],
      [500, { statusCode: 500, name: "application_error", message: "An unexpected error occurred." }],
    ];
    for (const [status, body] of answers) {
      const { endpoint } = await startServer(json(status, body));
      const err = await rejection(createResendMailer({ apiKey, from: "no-reply@app.example", endpoint }).send(loginMessage()));
      expect(err.code, JSON.stringify(body)).toBe("mailer_unavailable");
    }
  });

  it("hides the key and the link when Resend's answer repeats them, even HTML-escaped", async () => {
    const message = loginMessage("ada@example.com", TOKEN, "&next=%2Faccount");
    const { endpoint } = await startServer(
      json(401, { statusCode: 401, name: "invalid_api_key", message: `API key ${apiKey} is invalid (sending ${message.url.replace("&", "&amp;")})` }),
    );
    const err = await rejection(createResendMailer({ apiKey, from: "no-reply@app.example", endpoint }).send(message));
    expect(detail(err)).toBe(
      "Resend refused the message with HTTP 401: invalid_api_key: API key [redacted] is invalid " +
        "(sending https://app.example/auth/login?token=[redacted]&amp;next=%2Faccount)",
    );
    expectNoSecrets(err, [apiKey], message);
  });

  it("does not take a 200 without an id for a sent message", async () => {
    const { endpoint } = await startServer((res) => {
      res.writeHead(200, { "Content-Type": "text/html" });
      res.end("<html><body>Welcome to our captive portal</body></html>");
    });
    const err = await rejection(createResendMailer({ apiKey, from: "no-reply@app.example", endpoint }).send(loginMessage()));
    expect(detail(err)).toBe("Resend answered HTTP 200 but did not accept the message: <html><body>Welcome to our captive portal</body></html>");
  });

  it("gives up on a server that never answers", async () => {
    const endpoint = await silentEndpoint();
    await expectDeadline(createResendMailer({ apiKey, from: "no-reply@app.example", endpoint, timeoutMs: 300 }), "Resend");
  });

  it("rejects with mailer_unavailable when nothing listens", async () => {
    const endpoint = await closedEndpoint();
    const message = loginMessage();
    const err = await rejection(createResendMailer({ apiKey, from: "no-reply@app.example", endpoint }).send(message));
    expect(detail(err)).toMatch(/^Resend could not be reached: .*ECONNREFUSED/);
    expectNoSecrets(err, [apiKey], message);
  });

  it("posts to https://api.resend.com/emails by default", async () => {
    const requests: Request[] = [];
    const fetch: typeof globalThis.fetch = async (input) => {
      requests.push(input as Request);
      return Response.json({ id: "x" });
    };
    await createResendMailer({ apiKey, from: "no-reply@app.example", fetch }).send(loginMessage());
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(["POST https://api.resend.com/emails"]);
  });
});
