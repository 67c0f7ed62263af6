import { describe, expect, it } from "vitest";
import { httpMailerFromEnv } from "./from-env.js";

const message = { to: "ada@example.com", kind: "login" as const, subject: "s", text: "t", html: "<p>t</p>", url: "https://example.com/login?token=x" };

/** The provider an environment picks, told apart by the endpoint the mail goes to. */
async function endpointFor(env: Record<string, string>): Promise<string> {
  const original = globalThis.fetch;
  let url = "";
  globalThis.fetch = async (input: RequestInfo | URL) => {
    url = new Request(input).url;
    return new Response(JSON.stringify({ id: "1", MessageID: "1", ErrorCode: 0, MessageId: "1" }), { status: 200, headers: { "content-type": "application/json" } });
  };
  try {
    await httpMailerFromEnv(env, "Sesame <no-reply@example.com>", "MAIL_FROM")!.send(message);
  } finally {
    globalThis.fetch = original;
  }
  return new URL(url).host;
}

describe("the HTTP mail provider an environment names", () => {
  it("is none when no credentials are set", () => {
    expect(httpMailerFromEnv({}, "x@example.com", "MAIL_FROM")).toBeUndefined();
    expect(httpMailerFromEnv({ SES_REGION: "eu-west-1", SES_ACCESS_KEY_ID: "AKID" }, "x@example.com", "MAIL_FROM")).toBeUndefined();
  });

  it("is Resend, then Postmark, then SES, whichever has credentials", async () => {
    const ses = { SES_REGION: "eu-west-1", SES_ACCESS_KEY_ID: "AKID", SES_SECRET_ACCESS_KEY: "secret" };
    expect(await endpointFor({ ...ses, POSTMARK_SERVER_TOKEN: "pm", RESEND_API_KEY: "re" })).toBe("api.resend.com");
    expect(await endpointFor({ ...ses, POSTMARK_SERVER_TOKEN: "pm" })).toBe("api.postmarkapp.com");
    expect(await endpointFor(ses)).toBe("email.eu-west-1.amazonaws.com");
  });

  it("needs a From address, named by the variable it comes from", () => {
    expect(() => httpMailerFromEnv({ RESEND_API_KEY: "re" }, undefined, "SESAME_MAIL_FROM")).toThrow("SESAME_MAIL_FROM is not set");
  });

  it("S29: refuses a From that is not exactly one mailbox, named by the variable it comes from", () => {
    for (const from of ["Example Bcc:victim@evil.test", "a@b.example, victim@evil.test", "A <a@b.example>\nBcc: victim@evil.test"]) {
      expect(() => httpMailerFromEnv({ POSTMARK_SERVER_TOKEN: "pm" }, from, "SESAME_MAIL_FROM"), from).toThrow(/^SESAME_MAIL_FROM must be one mailbox/);
    }
  });
});
