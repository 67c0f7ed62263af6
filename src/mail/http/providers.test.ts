/**
 * What holds for every HTTP mailer: the options each refuses (S29: one From mailbox), the
 * headers that keep auto-responders quiet (S29), and sources that run on Workers. Each
 * provider's own API: resend.test.ts, postmark.test.ts, ses.test.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SesameError } from "../../core/errors.js";
import { AUTOMATED, AUTOMATED_LIST, json, loginMessage, startServer } from "../../../test/http-mailers.js";
import { createPostmarkMailer } from "./postmark.js";
import { createResendMailer } from "./resend.js";
import { createSesMailer } from "./ses.js";

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
    [
      "ses with a region that is no region",
      () => createSesMailer({ region: "evil.example/", accessKeyId: "AKIA", secretAccessKey: secret, from: "a@b.example" }),
    ],
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
      for (const from of [
        "Example Bcc:victim@evil.test",
        "a@b.example, victim@evil.test",
        "A <a@b.example>\r\nBcc: victim@evil.test",
        "A <a@b.example>; v@evil.test",
      ]) {
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
    expect(sources.sort()).toEqual(["checks.ts", "from-env.ts", "postmark.ts", "resend.ts", "send-json.ts", "ses.ts"]);
    for (const file of sources) {
      const code = readFileSync(new URL(file, dir), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      expect(code, file).not.toMatch(/from\s+["']node:|\bprocess\.|\bBuffer\b|\brequire\(/);
    }
  });
});
