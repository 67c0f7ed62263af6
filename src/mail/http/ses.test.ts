/**
 * createSesMailer against a local server that answers as the SES v2 API does, its signature
 * checked independently (what the HTTP mailers' tests share: test/http-mailers.ts).
 */
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  AUTOMATED_LIST,
  detail,
  expectDeadline,
  expectNoSecrets,
  json,
  loginMessage,
  type Received,
  rejection,
  silentEndpoint,
  startServer,
} from "../../../test/http-mailers.js";
import { createSesMailer } from "./ses.js";

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
    const text = "Email address is not verified. The following identities failed the check in region EU-WEST-1: no-reply@app.example";
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
      [
        "MessageRejected:http://internal.amazon.com/coral/com.amazon.ses/",
        "Email address is not verified. The following identities failed the check in region EU-WEST-1: ada@example.com",
      ],
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

// ---- an independent SigV4 check --------------------------------------------

/**
 * Recomputes an AWS Signature Version 4 over the request as the server received it and
 * throws unless it equals the one in the Authorization header. Written from AWS's
 * description of SigV4, sharing no code with aws4fetch.
 */
function verifySigV4(req: Received, secretAccessKey: string): { accessKeyId: string; scope: string; signedHeaders: string[]; amzDate: string } {
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
  const canonicalRequest = [req.method, path, canonicalQuery, canonicalHeaders, signedList, createHash("sha256").update(req.body).digest("hex")].join("\n");
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, createHash("sha256").update(canonicalRequest).digest("hex")].join("\n");

  const [date, region, service] = scope.split("/") as [string, string, string];
  let key: Buffer = createHmac("sha256", `AWS4${secretAccessKey}`).update(date).digest();
  for (const part of [region, service, "aws4_request"]) key = createHmac("sha256", key).update(part).digest();
  const expected = createHmac("sha256", key).update(stringToSign).digest("hex");
  if (expected !== signature) throw new Error("SigV4 signature mismatch");
  return { accessKeyId, scope, signedHeaders, amzDate };
}
