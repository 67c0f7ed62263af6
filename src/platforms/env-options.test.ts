import { describe, expect, it, vi } from "vitest";
import { SesameError } from "../core/errors.js";
import { optionsFromEnv, type SesameEnv } from "./env-options.js";

const BASE: SesameEnv = {
  SESAME_BASE_URL: "https://auth.example.com",
  SESAME_SECRET: "a secret of at least thirty-two characters",
  SESAME_MAIL_FROM: "Example <no-reply@example.com>",
  RESEND_API_KEY: "re_test",
};

function refusal(env: SesameEnv): string {
  try {
    optionsFromEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(SesameError);
    expect((error as SesameError).code).toBe("invalid_options");
    return (error as Error).message;
  }
  throw new Error("accepted");
}

describe("options from a serverless platform's variables", () => {
  it("reads uniform answers as sesame serve does, and refuses a spelling it does not know", () => {
    for (const on of ["on", "true", "1"]) expect(optionsFromEnv({ ...BASE, SESAME_UNIFORM_RESPONSES: on }).uniformResponses).toBe(true);
    for (const off of ["off", "false", "0", undefined]) expect(optionsFromEnv({ ...BASE, SESAME_UNIFORM_RESPONSES: off }).uniformResponses).toBe(false);
    expect(refusal({ ...BASE, SESAME_UNIFORM_RESPONSES: "yes" })).toBe('SESAME_UNIFORM_RESPONSES must be on or off, got "yes"');
  });

  it("S27/S26: reads the guess cap and login notices as sesame serve does", () => {
    expect(optionsFromEnv(BASE).guessLimit).toBeUndefined();
    expect(optionsFromEnv({ ...BASE, SESAME_GUESS_LIMIT: "5/600" }).guessLimit).toEqual({ limit: 5, periodSeconds: 600 });
    expect(optionsFromEnv({ ...BASE, SESAME_GUESS_LIMIT: "off" }).guessLimit).toBe(false);
    expect(refusal({ ...BASE, SESAME_GUESS_LIMIT: "ten" })).toBe("SESAME_GUESS_LIMIT must be like 10/3600 or off");
    expect(optionsFromEnv(BASE).loginNotices).toBe(true);
    expect(optionsFromEnv({ ...BASE, SESAME_LOGIN_NOTICES: "off" }).loginNotices).toBe(false);
    expect(refusal({ ...BASE, SESAME_LOGIN_NOTICES: "maybe" })).toBe('SESAME_LOGIN_NOTICES must be on or off, got "maybe"');
  });

  it("needs the base URL and the secret, and names what is missing", () => {
    expect(refusal({ ...BASE, SESAME_BASE_URL: undefined })).toBe("SESAME_BASE_URL is not set");
    expect(refusal({ ...BASE, SESAME_SECRET: undefined })).toMatch(/^SESAME_SECRET is not set/);
  });

  it("takes the retry delay in whole seconds from 1 to 3600", () => {
    expect(optionsFromEnv({ ...BASE, SESAME_MAIL_RETRY_SECONDS: "2" }).mailRetrySeconds).toBe(2);
    expect(optionsFromEnv(BASE).mailRetrySeconds).toBeUndefined();
    for (const bad of ["0", "1.5", "3601", "soon"])
      expect(refusal({ ...BASE, SESAME_MAIL_RETRY_SECONDS: bad })).toMatch(/SESAME_MAIL_RETRY_SECONDS must be a whole number/);
  });

  it("S29: refuses a SESAME_MAIL_FROM that is not exactly one mailbox, naming the variable", () => {
    for (const from of [
      "Example Bcc:victim@evil.test",
      "no-reply@example.com, victim@evil.test",
      "Example <no-reply@example.com>\r\nBcc: victim@evil.test",
      "Example <no-reply@example.com>; victim@evil.test",
      "=?utf-8?q?Example?= <no-reply@example.com>",
    ]) {
      expect(refusal({ ...BASE, SESAME_MAIL_FROM: from }), from).toMatch(
        /^SESAME_MAIL_FROM must be one mailbox like "Example <no-reply@example\.com>" or "no-reply@example\.com", but /,
      );
    }
    expect(refusal({ ...BASE, SESAME_MAIL_FROM: "Example Bcc:victim@evil.test" })).toBe(
      'SESAME_MAIL_FROM must be one mailbox like "Example <no-reply@example.com>" or "no-reply@example.com", but it contains a colon, which starts a group of addresses, got "Example Bcc:victim@evil.test"',
    );
    for (const from of ["Example <no-reply@example.com>", "no-reply@example.com", '"Example Inc." <no-reply@example.com>']) {
      expect(() => optionsFromEnv({ ...BASE, SESAME_MAIL_FROM: from }), from).not.toThrow();
    }
  });

  it("still reads MAIL_FROM, the old name of SESAME_MAIL_FROM, with one warning line in the log, and names it in a refusal", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const old = { ...BASE, SESAME_MAIL_FROM: undefined, MAIL_FROM: "Example <no-reply@example.com>" };
      expect(() => optionsFromEnv(old)).not.toThrow();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(JSON.parse(String(warn.mock.calls[0]![0]))).toEqual({
        level: "warn",
        event: "config_warning",
        message: "MAIL_FROM is renamed SESAME_MAIL_FROM: the old name is read until the next release, so rename it",
      });
      expect(refusal({ ...old, MAIL_FROM: "Example Bcc:victim@evil.test" })).toMatch(/^MAIL_FROM must be one mailbox/);
    } finally {
      warn.mockRestore();
    }
  });

  it("needs a mail provider, and SESAME_MAIL_FROM with it", () => {
    expect(refusal({ ...BASE, RESEND_API_KEY: undefined })).toBe(
      "no mail provider is configured: set RESEND_API_KEY, POSTMARK_SERVER_TOKEN or SES_REGION + SES_ACCESS_KEY_ID + SES_SECRET_ACCESS_KEY",
    );
    expect(refusal({ ...BASE, SESAME_MAIL_FROM: undefined })).toBe("SESAME_MAIL_FROM is not set");
  });

  it("trusts the client-address header the platform itself sets", () => {
    expect(optionsFromEnv(BASE).trustProxy).toEqual({ header: "cf-connecting-ip" });
    expect(optionsFromEnv({ ...BASE, SESAME_TRUST_PROXY: "off" } as SesameEnv, "workers").trustProxy).toEqual({ header: "cf-connecting-ip" });
  });
});

describe("the development mailbox on Workers (wrangler dev)", () => {
  const DEV: SesameEnv = { SESAME_BASE_URL: "http://localhost:8787", SESAME_SECRET: BASE.SESAME_SECRET, SESAME_MAILER: "dev" };

  it("S28: serves SESAME_MAILER=dev as the development mailbox on a loopback http:// base URL", () => {
    for (const baseUrl of ["http://localhost:8787", "http://127.0.0.1:8787/auth", "http://[::1]:8787"]) {
      const options = optionsFromEnv({ ...DEV, SESAME_BASE_URL: baseUrl });
      expect(options.devMailbox, baseUrl).toBeDefined();
      expect(options.mailer).toBe(options.devMailbox);
    }
  });

  it("S28: refuses it on any other base URL, naming SESAME_BASE_URL", () => {
    for (const baseUrl of ["https://localhost:8787", "http://auth.example.com", "http://10.0.0.1:8787", "http://localhost.example.com"]) {
      expect(refusal({ ...DEV, SESAME_BASE_URL: baseUrl }), baseUrl).toMatch(
        /^the development mailbox shows login links to anyone who can reach it: use SESAME_MAILER=dev only/,
      );
    }
  });

  it("refuses file: and smtp:// mailers on Workers, and ignores SESAME_MAILER on Vercel", () => {
    expect(refusal({ ...DEV, SESAME_MAILER: "file:/tmp/mail" })).toMatch(/^on Workers SESAME_MAILER can only be dev/);
    expect(refusal({ ...DEV, SESAME_MAILER: "smtp://127.0.0.1:25" })).toMatch(/^on Workers SESAME_MAILER can only be dev/);
    const vercel = optionsFromEnv({ ...BASE, SESAME_MAILER: "dev", DATABASE_URL: "postgres://db.example.com/sesame" } as SesameEnv, "vercel");
    expect(vercel.devMailbox).toBeUndefined();
  });
});
