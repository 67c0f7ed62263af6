/**
 * createPostmarkMailer against a local server that answers as Postmark's API does (what the
 * HTTP mailers' tests share: test/http-mailers.ts).
 */
import { describe, expect, it } from "vitest";
import {
  AUTOMATED_LIST,
  detail,
  expectDeadline,
  expectNoSecrets,
  json,
  loginMessage,
  rejection,
  silentEndpoint,
  startServer,
} from "../../../test/http-mailers.js";
import { createPostmarkMailer } from "./postmark.js";

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
    const { endpoint } = await startServer(json(200, { ErrorCode: 406, Message: "You tried to send to a recipient that has been marked as inactive." }));
    const message = loginMessage();
    const err = await rejection(createPostmarkMailer({ serverToken, from: "no-reply@app.example", endpoint }).send(message));
    expect(detail(err)).toBe(
      "Postmark answered HTTP 200 but did not accept the message: ErrorCode 406: You tried to send to a recipient that has been marked as inactive.",
    );
    expectNoSecrets(err, [serverToken], message);
  });

  it("keeps the token out of a 401 that repeats it", async () => {
    const { endpoint } = await startServer(json(401, { ErrorCode: 10, Message: `Request does not contain a valid Server API token: ${serverToken}` }));
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
