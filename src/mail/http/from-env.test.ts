import { describe, expect, it } from "vitest";
import { createHttpMailer, httpProviderFromEnv } from "./from-env.js";

const message = { to: "ada@example.com", kind: "login" as const, subject: "s", text: "t", html: "<p>t</p>", url: "https://example.com/login?token=x" };

/** The provider an environment picks, told apart by the endpoint the mail goes to. */
async function endpointFor(env: Record<string, string>): Promise<string> {
  const original = globalThis.fetch;
  let url = "";
  globalThis.fetch = async (input: RequestInfo | URL) => {
    url = new Request(input).url;
    return new Response(JSON.stringify({ id: "1", MessageID: "1", ErrorCode: 0, MessageId: "1" }), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  };
  try {
    await createHttpMailer(httpProviderFromEnv(env)!, "Sesame <no-reply@example.com>").send(message);
  } finally {
    globalThis.fetch = original;
  }
  return new URL(url).host;
}

describe("the HTTP mail provider an environment names", () => {
  it("is none when no credentials are set", () => {
    expect(httpProviderFromEnv({})).toBeUndefined();
    expect(httpProviderFromEnv({ SES_REGION: "eu-west-1", SES_ACCESS_KEY_ID: "AKID" })).toBeUndefined();
  });

  it("is Resend, then Postmark, then SES, whichever has credentials", async () => {
    const ses = { SES_REGION: "eu-west-1", SES_ACCESS_KEY_ID: "AKID", SES_SECRET_ACCESS_KEY: "secret" };
    expect(await endpointFor({ ...ses, POSTMARK_SERVER_TOKEN: "pm", RESEND_API_KEY: "re" })).toBe("api.resend.com");
    expect(await endpointFor({ ...ses, POSTMARK_SERVER_TOKEN: "pm" })).toBe("api.postmarkapp.com");
    expect(await endpointFor(ses)).toBe("email.eu-west-1.amazonaws.com");
  });

  it("sends to the provider's endpoint when one is set", async () => {
    expect(await endpointFor({ RESEND_API_KEY: "re", RESEND_ENDPOINT: "http://127.0.0.1:9" })).toBe("127.0.0.1:9");
    expect(httpProviderFromEnv({ POSTMARK_SERVER_TOKEN: "pm", POSTMARK_ENDPOINT: "http://127.0.0.1:9" })).toEqual({
      provider: "postmark",
      serverToken: "pm",
      endpoint: "http://127.0.0.1:9",
    });
  });
});
