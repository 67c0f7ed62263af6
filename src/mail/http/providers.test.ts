import { createHash, createHmac } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { SesameError } from "../../core/errors.js";
import type { Mailer, MailMessage } from "../../core/ports.js";
import { renderLinkMail } from "../templates.js";
import { createPostmarkMailer } from "./postmark.js";
import { createResendMailer, idempotencyKeyFor } from "./resend.js";
import { createSesMailer } from "./ses.js";

interface Received {
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
async function startServer(reply?: Reply): Promise<{ endpoint: string; received: Received[] }> {
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

function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return (res) => {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
}

const TOKEN = "Zq3-_8aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789a";

function loginMessage(to = "ada@example.com", token = TOKEN, query = ""): MailMessage {
  const url = `https://app.example/auth/login?token=${token}${query}`;
  return { to, kind: "login", url, ...renderLinkMail({ kind: "login", to, url, validFor: "15 minutes", appName: "Example", code: "482913" }) };
}

async function rejection(promise: Promise<unknown>): Promise<SesameError> {
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
function detail(err: SesameError, code: "mailer_unavailable" | "mail_rejected" = "mailer_unavailable"): string {
  expect(err.code).toBe(code);
  expect(err.cause).toBeInstanceOf(Error);
  return (err.cause as Error).message;
}

/** What the providers must send beside the message (S29): auto-responders stay quiet. */
const AUTOMATED = { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "OOF, AutoReply" };
const AUTOMATED_LIST = [
  { Name: "Auto-Submitted", Value: "auto-generated" },
  { Name: "X-Auto-Response-Suppress", Value: "OOF, AutoReply" },
];

function expectNoSecrets(err: SesameError, secrets: string[], message: MailMessage): void {
  const said = everythingSaid(err);
  for (const secret of [...secrets, message.url, TOKEN]) expect(said).not.toContain(secret);
}

/** A server that takes the request and never answers, for the deadline tests. */
async function silentEndpoint(): Promise<string> {
  return (await startServer()).endpoint;
}

async function expectDeadline(mailer: Mailer, provider: string): Promise<void> {
  const started = Date.now();
  const err = await rejection(mailer.send(loginMessage()));
  expect(Date.now() - started).toBeLessThan(2_000);
  expect(detail(err)).toBe(`${provider} did not answer within 300 ms`);
}

async function closedEndpoint(): Promise<string> {
  const { endpoint } = await startServer();
  // The server's cleanup already runs; close it now so nothing listens on the port.
  await cleanups.pop()?.();
  return endpoint;
}

// ---------------------------------------------------------------------------

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
      "sesame-link/" + createHash("sha256").update(JSON.stringify([message.to, message.subject, message.url])).digest("hex");
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
      json(422, { statusCode: 422, name: "validation_error", message: "Invalid `to` field. The email address needs to follow the `email@example.com` format." }),
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
    expect(detail(err)).toBe(
      "Resend answered HTTP 200 but did not accept the message: <html><body>Welcome to our captive portal</body></html>",
    );
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

// ---------------------------------------------------------------------------

describe("createPostmarkMailer", () => {
  const serverToken = "8d2f3c1a-5b4e-4f6a-9c7d-0e1f2a3b4c5d";
  const accepted = {
    To: "ada@example.com",
    SubmittedAt: "2025-01-01T12:00:00.0000000-05:00",
    MessageID: "b7bc2f4a-e38e-4336-af7d-e6c392c2f817",
    ErrorCode: 0,
    Message: "OK",
  };

  it("POSTs /email as Postmark's API reference describes and resolves on ErrorCode 0", async () => {
    const { endpoint, received } = await startServer(json(200, accepted));
    const message = loginMessage();
    await createPostmarkMailer({ serverToken, from: "Example <no-reply@app.example>", endpoint }).send(message);

    expect(received).toHaveLength(1);
    const req = received[0]!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/email");
    expect(req.headers.accept).toBe("application/json");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["x-postmark-server-token"]).toBe(serverToken);
    expect(req.headers.authorization).toBeUndefined();
    expect(JSON.parse(req.body.toString("utf8"))).toEqual({
      From: "Example <no-reply@app.example>",
      To: "ada@example.com",
      Subject: "Your login link for Example",
      HtmlBody: message.html,
      TextBody: message.text,
      MessageStream: "outbound",
      TrackLinks: "None",
      Headers: AUTOMATED_LIST,
    });
  });

  it("sends through the configured message stream", async () => {
    const { endpoint, received } = await startServer(json(200, accepted));
    await createPostmarkMailer({ serverToken, from: "no-reply@app.example", endpoint, messageStream: "login-links" }).send(loginMessage());
    expect(JSON.parse(received[0]!.body.toString("utf8")).MessageStream).toBe("login-links");
  });

  it("S29: rejects with mail_rejected, carrying Postmark's ErrorCode and Message, on a 422 with ErrorCode 300 (invalid To)", async () => {
    const { endpoint } = await startServer(json(422, { ErrorCode: 300, Message: "Invalid 'To' address: 'ada@example'." }));
    const message = loginMessage();
    const err = await rejection(createPostmarkMailer({ serverToken, from: "no-reply@app.example", endpoint }).send(message));
    expect(detail(err, "mail_rejected")).toBe("Postmark refused the message with HTTP 422: ErrorCode 300: Invalid 'To' address: 'ada@example'.");
    expectNoSecrets(err, [serverToken], message);
  });

  it("S29: rejects with mail_rejected on a 422 with ErrorCode 406 (inactive recipient)", async () => {
    const text = "You tried to send to recipient(s) that have been marked as inactive. Found inactive addresses: ada@example.com.";
    const { endpoint } = await startServer(json(422, { ErrorCode: 406, Message: text }));
    const err = await rejection(createPostmarkMailer({ serverToken, from: "no-reply@app.example", endpoint }).send(loginMessage()));
    expect(detail(err, "mail_rejected")).toBe(`Postmark refused the message with HTTP 422: ErrorCode 406: ${text}`);
  });

  it("S29: keeps an ErrorCode 300 about the From address mailer_unavailable: every mail would meet it until the operator fixes it", async () => {
    const { endpoint } = await startServer(
      json(422, { ErrorCode: 300, Message: "Invalid 'From' address: 'no-reply@app.example' is not a verified sender signature." }),
    );
    const err = await rejection(createPostmarkMailer({ serverToken, from: "Example <no-reply@app.example>", endpoint }).send(loginMessage()));
    expect(err.code).toBe("mailer_unavailable");
    const other = await startServer(json(422, { ErrorCode: 400, Message: "The 'From' address you supplied is not a Sender Signature on your account." }));
    expect((await rejection(createPostmarkMailer({ serverToken, from: "no-reply@app.example", endpoint: other.endpoint }).send(loginMessage()))).code).toBe(
      "mailer_unavailable",
    );
  });

  it("takes a 200 with a non-zero ErrorCode for a failure", async () => {
    const { endpoint } = await startServer(
      json(200, { ErrorCode: 406, Message: "You tried to send to a recipient that has been marked as inactive." }),
    );
    const message = loginMessage();
    const err = await rejection(createPostmarkMailer({ serverToken, from: "no-reply@app.example", endpoint }).send(message));
    expect(detail(err)).toBe(
      "Postmark answered HTTP 200 but did not accept the message: ErrorCode 406: You tried to send to a recipient that has been marked as inactive.",
    );
    expectNoSecrets(err, [serverToken], message);
  });

  it("keeps the token out of a 401 that repeats it", async () => {
    const { endpoint } = await startServer(
      json(401, { ErrorCode: 10, Message: `Request does not contain a valid Server API token: ${serverToken}` }),
    );
    const message = loginMessage();
    const err = await rejection(createPostmarkMailer({ serverToken, from: "no-reply@app.example", endpoint }).send(message));
    expect(detail(err)).toBe("Postmark refused the message with HTTP 401: ErrorCode 10: Request does not contain a valid Server API token: [redacted]");
    expectNoSecrets(err, [serverToken], message);
  });

  it("gives up on a server that sends its headers and then stalls", async () => {
    const { endpoint } = await startServer((res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write('{"ErrorCode":');
    });
    await expectDeadline(createPostmarkMailer({ serverToken, from: "no-reply@app.example", endpoint, timeoutMs: 300 }), "Postmark");
  });

  it("gives up on a server that never answers", async () => {
    const endpoint = await silentEndpoint();
    await expectDeadline(createPostmarkMailer({ serverToken, from: "no-reply@app.example", endpoint, timeoutMs: 300 }), "Postmark");
  });

  it("posts to https://api.postmarkapp.com/email by default", async () => {
    const requests: Request[] = [];
    const fetch: typeof globalThis.fetch = async (input) => {
      requests.push(input as Request);
      return Response.json(accepted);
    };
    await createPostmarkMailer({ serverToken, from: "no-reply@app.example", fetch }).send(loginMessage());
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(["POST https://api.postmarkapp.com/email"]);
  });
});

// ---------------------------------------------------------------------------

describe("createSesMailer", () => {
  const credentials = {
    region: "eu-west-1",
    accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  };

  it("POSTs a SigV4-signed SendEmail as the SES v2 API reference describes, and resolves on 200 { MessageId }", async () => {
    const { endpoint, received } = await startServer(json(200, { MessageId: "0102018c-example-000000" }));
    const message = loginMessage();
    const before = Date.now();
    await createSesMailer({ ...credentials, from: "Example <no-reply@app.example>", endpoint }).send(message);

    expect(received).toHaveLength(1);
    const req = received[0]!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/v2/email/outbound-emails");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(req.body.toString("utf8"))).toEqual({
      FromEmailAddress: "Example <no-reply@app.example>",
      Destination: { ToAddresses: ["ada@example.com"] },
      Content: {
        Simple: {
          Subject: { Data: "Your login link for Example", Charset: "UTF-8" },
          Body: {
            Text: { Data: message.text, Charset: "UTF-8" },
            Html: { Data: message.html, Charset: "UTF-8" },
          },
          Headers: AUTOMATED_LIST,
        },
      },
    });

    const signed = verifySigV4(req, credentials.secretAccessKey);
    expect(signed.accessKeyId).toBe(credentials.accessKeyId);
    expect(signed.scope).toBe(`${signed.amzDate.slice(0, 8)}/eu-west-1/ses/aws4_request`);
    expect(signed.signedHeaders).toEqual(expect.arrayContaining(["host", "x-amz-date"]));
    // aws4fetch sends x-amz-content-sha256 only for S3; if it ever does for SES, it must be the body's hash.
    if (req.headers["x-amz-content-sha256"] !== undefined) {
      expect(req.headers["x-amz-content-sha256"]).toBe(createHash("sha256").update(req.body).digest("hex"));
    }
    const signedAt = Date.parse(signed.amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
    expect(Math.abs(signedAt - before)).toBeLessThan(60_000);
  });

  it("signs the session token of temporary credentials", async () => {
    const { endpoint, received } = await startServer(json(200, { MessageId: "m" }));
    const sessionToken = "IQoJb3JpZ2luX2VjEXAMPLE-session-token//////////wEaCXVzLWVhc3QtMSJHMEUCIQ";
    await createSesMailer({ ...credentials, sessionToken, from: "no-reply@app.example", endpoint }).send(loginMessage());
    const req = received[0]!;
    expect(req.headers["x-amz-security-token"]).toBe(sessionToken);
    expect(verifySigV4(req, credentials.secretAccessKey).signedHeaders).toContain("x-amz-security-token");
  });

  it("fails the independent check when the body does not match the signature", async () => {
    // Guards the checker itself: a verifier that accepts anything would prove nothing above.
    const { endpoint, received } = await startServer(json(200, { MessageId: "m" }));
    await createSesMailer({ ...credentials, from: "no-reply@app.example", endpoint }).send(loginMessage());
    const tampered = { ...received[0]!, body: Buffer.from(received[0]!.body.toString("utf8").replace("ada@", "eve@")) };
    expect(() => verifySigV4(tampered, credentials.secretAccessKey)).toThrow(/signature mismatch/);
    expect(() => verifySigV4(received[0]!, "not-the-secret")).toThrow(/signature mismatch/);
  });

  it("S29: keeps a 400 MessageRejected that names our sender (not verified) mailer_unavailable, carrying the error type and SES's message", async () => {
    const text =
      "Email address is not verified. The following identities failed the check in region EU-WEST-1: no-reply@app.example";
    const { endpoint } = await startServer(
      json(400, { message: text }, { "x-amzn-ErrorType": "MessageRejected:http://internal.amazon.com/coral/com.amazon.ses/" }),
    );
    const message = loginMessage();
    const sessionToken = "session-token-that-must-stay-hidden";
    const err = await rejection(createSesMailer({ ...credentials, sessionToken, from: "no-reply@app.example", endpoint }).send(message));
    expect(detail(err)).toBe(`Amazon SES refused the message with HTTP 400: MessageRejected: ${text}`);
    expectNoSecrets(err, [credentials.secretAccessKey, sessionToken], message);
  });

  it("S29: rejects with mail_rejected on a 400 MessageRejected or BadRequestException about the message", async () => {
    const answers: Array<[string, string]> = [
      ["MessageRejected:http://internal.amazon.com/coral/com.amazon.ses/", "Email address is not verified. The following identities failed the check in region EU-WEST-1: ada@example.com"],
      ["BadRequestException:http://internal.amazon.com/coral/com.amazon.ses/", "Missing final '@domain'"],
    ];
    for (const [type, text] of answers) {
      const { endpoint } = await startServer(json(400, { message: text }, { "x-amzn-ErrorType": type }));
      const err = await rejection(createSesMailer({ ...credentials, from: "no-reply@app.example", endpoint }).send(loginMessage()));
      expect(detail(err, "mail_rejected")).toBe(`Amazon SES refused the message with HTTP 400: ${type.split(":")[0]}: ${text}`);
    }
    // The type may come in the body instead of the header.
    const { endpoint } = await startServer(json(400, { __type: "com.amazonaws.sesv2#MessageRejected", message: "Illegal address" }));
    const err = await rejection(createSesMailer({ ...credentials, from: "no-reply@app.example", endpoint }).send(loginMessage()));
    expect(err.code).toBe("mail_rejected");
  });

  it("S29: keeps SES's other refusals mailer_unavailable: throttling, a paused account, an outage", async () => {
    const answers: Array<[number, string]> = [
      [429, "TooManyRequestsException"],
      [400, "LimitExceededException"],
      [400, "SendingPausedException"],
      [400, "MailFromDomainNotVerifiedException"],
      [500, "InternalFailure"],
    ];
    for (const [status, type] of answers) {
      const { endpoint } = await startServer(json(status, { message: "no" }, { "x-amzn-ErrorType": `${type}:http://internal.amazon.com/` }));
      const err = await rejection(createSesMailer({ ...credentials, from: "no-reply@app.example", endpoint }).send(loginMessage()));
      expect(err.code, type).toBe("mailer_unavailable");
    }
  });

  it("reads the error type from __type when the header is missing", async () => {
    const { endpoint } = await startServer(
      json(403, { __type: "com.amazon.coral.service#UnrecognizedClientException", Message: "The security token included in the request is invalid." }),
    );
    const err = await rejection(createSesMailer({ ...credentials, from: "no-reply@app.example", endpoint }).send(loginMessage()));
    expect(detail(err)).toBe(
      "Amazon SES refused the message with HTTP 403: UnrecognizedClientException: The security token included in the request is invalid.",
    );
  });

  it("gives up on a server that never answers", async () => {
    const endpoint = await silentEndpoint();
    await expectDeadline(createSesMailer({ ...credentials, from: "no-reply@app.example", endpoint, timeoutMs: 300 }), "Amazon SES");
  });

  it("posts to https://email.{region}.amazonaws.com/v2/email/outbound-emails by default", async () => {
    const requests: Request[] = [];
    const fetch: typeof globalThis.fetch = async (input) => {
      requests.push(input as Request);
      return Response.json({ MessageId: "m" });
    };
    await createSesMailer({ ...credentials, region: "us-east-2", from: "no-reply@app.example", fetch }).send(loginMessage());
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(["POST https://email.us-east-2.amazonaws.com/v2/email/outbound-emails"]);
    expect(requests[0]!.headers.get("authorization")).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-2\/ses\/aws4_request, /);
  });
});

// ---------------------------------------------------------------------------

describe("option checks", () => {
  const secret = "hunter2-secret-value";
  const cases: Array<[string, () => unknown]> = [
    ["resend without apiKey", () => createResendMailer({ apiKey: "", from: "a@b.example" })],
    ["resend without from", () => createResendMailer({ apiKey: secret, from: " " })],
    ["resend with a plain-http remote endpoint", () => createResendMailer({ apiKey: secret, from: "a@b.example", endpoint: "http://api.resend.com" })],
    ["resend with credentials in the endpoint", () => createResendMailer({ apiKey: secret, from: "a@b.example", endpoint: `https://u:${secret}@x.example` })],
    ["resend with a bad timeout", () => createResendMailer({ apiKey: secret, from: "a@b.example", timeoutMs: 0 })],
    ["postmark without serverToken", () => createPostmarkMailer({ serverToken: undefined as unknown as string, from: "a@b.example" })],
    ["postmark without from", () => createPostmarkMailer({ serverToken: secret, from: "" })],
    ["postmark with an empty stream", () => createPostmarkMailer({ serverToken: secret, from: "a@b.example", messageStream: "" })],
    ["postmark with an endpoint that is no URL", () => createPostmarkMailer({ serverToken: secret, from: "a@b.example", endpoint: `not a url ${secret}` })],
    ["ses without secret", () => createSesMailer({ region: "eu-west-1", accessKeyId: "AKIA", secretAccessKey: "", from: "a@b.example" })],
    ["ses without from", () => createSesMailer({ region: "eu-west-1", accessKeyId: "AKIA", secretAccessKey: secret, from: "" })],
    ["ses with a region that is no region", () => createSesMailer({ region: "evil.example/", accessKeyId: "AKIA", secretAccessKey: secret, from: "a@b.example" })],
  ];
  for (const [name, create] of cases) {
    it(`refuses ${name} with invalid_options, without repeating secrets`, () => {
      let err: unknown;
      try {
        create();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SesameError);
      expect((err as SesameError).code).toBe("invalid_options");
      expect((err as SesameError).message).not.toContain(secret);
    });
  }

  it("S29: refuses a From that is not exactly one mailbox in every HTTP mailer, naming the option", () => {
    const creators: Array<[string, (from: string) => unknown]> = [
      ["createResendMailer", (from) => createResendMailer({ apiKey: secret, from })],
      ["createPostmarkMailer", (from) => createPostmarkMailer({ serverToken: secret, from })],
      ["createSesMailer", (from) => createSesMailer({ region: "eu-west-1", accessKeyId: "AKIA", secretAccessKey: secret, from })],
    ];
    for (const [factory, create] of creators) {
      for (const from of ["Example Bcc:victim@evil.test", "a@b.example, victim@evil.test", "A <a@b.example>\r\nBcc: victim@evil.test", "A <a@b.example>; v@evil.test"]) {
        expect(() => create(from), `${factory} ${from}`).toThrow(new RegExp(`^${factory}: from must be one mailbox`));
      }
    }
  });

  it("S29: sends a checked From as Name <address>, quoting a name that needs it", async () => {
    const { endpoint, received } = await startServer(json(200, { id: "x" }));
    await createResendMailer({ apiKey: "re_x", from: "Example Inc. <a@b.example>", endpoint }).send(loginMessage());
    expect(JSON.parse(received[0]!.body.toString("utf8")).from).toBe('"Example Inc." <a@b.example>');
  });

  it("accepts loopback http endpoints and strips a trailing slash", async () => {
    const { endpoint, received } = await startServer(json(200, { id: "x" }));
    await createResendMailer({ apiKey: "re_x", from: "a@b.example", endpoint: `${endpoint}/` }).send(loginMessage());
    expect(received[0]!.path).toBe("/emails");
  });
});

describe("S29: automated-mail headers", () => {
  it("S29: every HTTP provider sends Auto-Submitted and X-Auto-Response-Suppress in the field its API takes for headers", async () => {
    const resend = await startServer(json(200, { id: "x" }));
    await createResendMailer({ apiKey: "re_x", from: "a@b.example", endpoint: resend.endpoint }).send(loginMessage());
    expect(JSON.parse(resend.received[0]!.body.toString("utf8")).headers).toEqual(AUTOMATED);

    const postmark = await startServer(json(200, { ErrorCode: 0, Message: "OK", MessageID: "m" }));
    await createPostmarkMailer({ serverToken: "pm", from: "a@b.example", endpoint: postmark.endpoint }).send(loginMessage());
    expect(JSON.parse(postmark.received[0]!.body.toString("utf8")).Headers).toEqual(AUTOMATED_LIST);

    const ses = await startServer(json(200, { MessageId: "m" }));
    await createSesMailer({ region: "eu-west-1", accessKeyId: "AKIA", secretAccessKey: "s", from: "a@b.example", endpoint: ses.endpoint }).send(loginMessage());
    expect(JSON.parse(ses.received[0]!.body.toString("utf8")).Content.Simple.Headers).toEqual(AUTOMATED_LIST);
  });
});

describe("the HTTP mailers' sources", () => {
  it("use Web APIs only, so they run on Cloudflare Workers", () => {
    const dir = new URL(".", import.meta.url);
    const sources = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    expect(sources.sort()).toEqual(["from-env.ts", "postmark.ts", "resend.ts", "send-json.ts", "ses.ts"]);
    for (const file of sources) {
      const code = readFileSync(new URL(file, dir), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      expect(code, file).not.toMatch(/from\s+["']node:|\bprocess\.|\bBuffer\b|\brequire\(/);
    }
  });
});

// ---- an independent SigV4 check --------------------------------------------

/**
 * Recomputes an AWS Signature Version 4 over the request as the server received it and
 * throws unless it equals the one in the Authorization header. Written from AWS's
 * description of SigV4, sharing no code with aws4fetch.
 */
function verifySigV4(
  req: Received,
  secretAccessKey: string,
): { accessKeyId: string; scope: string; signedHeaders: string[]; amzDate: string } {
  const auth = req.headers.authorization ?? "";
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8}\/[^/]+\/[^/]+\/aws4_request), SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!match) throw new Error(`not a SigV4 Authorization header: ${auth}`);
  const [, accessKeyId, scope, signedList, signature] = match as unknown as [string, string, string, string, string];
  const amzDate = String(req.headers["x-amz-date"] ?? "");
  expect(amzDate).toMatch(/^\d{8}T\d{6}Z$/);
  expect(scope.slice(0, 8)).toBe(amzDate.slice(0, 8));

  const signedHeaders = signedList.split(";");
  expect([...signedHeaders].sort()).toEqual(signedHeaders);
  const canonicalHeaders = signedHeaders
    .map((name) => {
      const value = req.headers[name];
      if (value === undefined) throw new Error(`signed header ${name} was not received`);
      return `${name}:${(Array.isArray(value) ? value.join(",") : value).trim().replace(/\s+/g, " ")}\n`;
    })
    .join("");
  const [path = "", query = ""] = req.path.split("?");
  const canonicalQuery = query
    .split("&")
    .filter((p) => p !== "")
    .sort()
    .join("&");
  const canonicalRequest = [
    req.method,
    path,
    canonicalQuery,
    canonicalHeaders,
    signedList,
    createHash("sha256").update(req.body).digest("hex"),
  ].join("\n");
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, createHash("sha256").update(canonicalRequest).digest("hex")].join("\n");

  const [date, region, service] = scope.split("/") as [string, string, string];
  let key: Buffer = createHmac("sha256", `AWS4${secretAccessKey}`).update(date).digest();
  for (const part of [region, service, "aws4_request"]) key = createHmac("sha256", key).update(part).digest();
  const expected = createHmac("sha256", key).update(stringToSign).digest("hex");
  if (expected !== signature) throw new Error("SigV4 signature mismatch");
  return { accessKeyId, scope, signedHeaders, amzDate };
}
