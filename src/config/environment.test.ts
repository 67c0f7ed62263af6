import { describe, expect, it } from "vitest";
import { ConfigError, SesameError } from "../core/errors.js";
import { readEnvironment, sesameOptionsFrom, type Platform } from "./environment.js";

/** What each platform needs besides a shared variable under test. */
const NEEDS: Record<Platform, Record<string, string>> = {
  node: {},
  deno: {},
  bun: {},
  workers: {
    SESAME_BASE_URL: "https://auth.example.com",
    SESAME_SECRET: "a secret of at least thirty-two characters",
    SESAME_MAIL_FROM: "Example <no-reply@example.com>",
    RESEND_API_KEY: "re_test",
  },
  vercel: {
    SESAME_BASE_URL: "https://auth.example.com",
    SESAME_SECRET: "a secret of at least thirty-two characters",
    SESAME_MAIL_FROM: "Example <no-reply@example.com>",
    RESEND_API_KEY: "re_test",
    DATABASE_URL: "postgres://db.example.com/sesame",
  },
};
const PLATFORMS = Object.keys(NEEDS) as Platform[];

function read(platform: Platform, env: Record<string, string | undefined>, warnings: string[] = []) {
  return readEnvironment({ ...NEEDS[platform], ...env }, { platform, warn: (message) => warnings.push(message) });
}

function refusal(platform: Platform, env: Record<string, string | undefined>): ConfigError {
  try {
    read(platform, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`${platform} accepted ${JSON.stringify(env)}`);
}

describe("one reader of the environment for every entry", () => {
  it.each([
    ["SESAME_BASE_URL", "ftp://example.com", 'SESAME_BASE_URL must be an http:// or https:// URL, got "ftp://example.com"'],
    [
      "SESAME_BASE_URL",
      "https://auth.example.com/?next=x",
      'SESAME_BASE_URL must be an origin and an optional path, without query or fragment, got "https://auth.example.com/?next=x"',
    ],
    ["SESAME_SECRET", "hunter2-hunter2", "SESAME_SECRET must be at least 32 characters (it has 15); e.g. `openssl rand -base64 32`"],
    ["SESAME_MAIL_FROM", "a@b.example, victim@evil.test", /^SESAME_MAIL_FROM must be one mailbox .*, got "a@b\.example, victim@evil\.test"$/],
    ["SESAME_ACCENT_COLOR", "red", 'SESAME_ACCENT_COLOR must be a hex colour like #0f766e, got "red"'],
    [
      "SESAME_LOGO_URL",
      "http://cdn.example/logo.png",
      'SESAME_LOGO_URL must be an https:// URL or a path on this site starting with /, got "http://cdn.example/logo.png"',
    ],
    [
      "SESAME_RATE_LIMIT_ADDRESS",
      "five per hour",
      'SESAME_RATE_LIMIT_ADDRESS must be like 1/60,5/3600 (count/seconds, comma-separated) or off, got "five per hour"',
    ],
    ["SESAME_RATE_LIMIT_CLIENT", "30", 'SESAME_RATE_LIMIT_CLIENT must be like 1/60,5/3600 (count/seconds, comma-separated) or off, got "30"'],
    ["SESAME_UNIFORM_RESPONSES", "yes", 'SESAME_UNIFORM_RESPONSES must be on or off, got "yes"'],
    ["SESAME_LOGIN_NOTICES", "maybe", 'SESAME_LOGIN_NOTICES must be on or off, got "maybe"'],
    ["SESAME_GUESS_LIMIT", "ten", "SESAME_GUESS_LIMIT must be like 10/3600 or off"],
    ["SESAME_GUESS_LIMIT", "500/60", 'SESAME_GUESS_LIMIT must allow 1 to 100 wrong guesses per 60 to 86400 seconds, got "500/60"'],
    ["SESAME_MAIL_RETRY_SECONDS", "1.5", 'SESAME_MAIL_RETRY_SECONDS must be a whole number from 1 to 3600, got "1.5"'],
    ["SESAME_MAIL_LEASE_SECONDS", "0", 'SESAME_MAIL_LEASE_SECONDS must be a whole number from 1 to 3600, got "0"'],
  ])("refuses %s=%j with the same coded error on every platform", (name, value, message) => {
    for (const platform of PLATFORMS) {
      const error = refusal(platform, { [name]: value });
      expect(error, platform).toBeInstanceOf(SesameError);
      expect(error.code, platform).toBe("invalid_options");
      expect(error.variable, platform).toBe(name);
      expect(error.message, platform).toMatch(message);
    }
  });

  it("reads the shared settings alike everywhere, an empty value counting as unset", () => {
    const env = {
      SESAME_APP_NAME: "Acme",
      SESAME_ACCENT_COLOR: "#0f766e",
      SESAME_LOGO_URL: "/logo.svg",
      SESAME_AFTER_LOGIN_PATH: "/home",
      SESAME_RATE_LIMIT_ADDRESS: "off",
      SESAME_RATE_LIMIT_CLIENT: "3/60",
      SESAME_UNIFORM_RESPONSES: "on",
      SESAME_GUESS_LIMIT: "5/600",
      SESAME_LOGIN_NOTICES: "",
      SESAME_MAIL_RETRY_SECONDS: "2",
      SESAME_MAIL_LEASE_SECONDS: "",
    };
    const { trustProxy: _, ...expected } = sesameOptionsFrom(read("node", { ...env, SESAME_BASE_URL: "https://auth.example.com" }));
    expect(expected).toEqual({
      baseUrl: "https://auth.example.com",
      appName: "Acme",
      accentColor: "#0f766e",
      logoUrl: "/logo.svg",
      afterLoginPath: "/home",
      rateLimits: { perAddress: [], perClient: [{ limit: 3, periodSeconds: 60 }] },
      uniformResponses: true,
      guessLimit: { limit: 5, periodSeconds: 600 },
      loginNotices: true,
      mailRetrySeconds: 2,
      mailLeaseSeconds: undefined,
      accessTokens: {},
    });
    for (const platform of PLATFORMS) expect(sesameOptionsFrom(read(platform, env)), platform).toMatchObject({ ...expected, baseUrl: expect.any(String) });
  });

  it("reads MAIL_FROM, the old name of SESAME_MAIL_FROM, with one warning, on every platform; the new name wins", () => {
    for (const platform of PLATFORMS) {
      const warnings: string[] = [];
      const config = read(platform, { SESAME_MAIL_FROM: undefined, MAIL_FROM: "Old <old@example.com>" }, warnings);
      expect(config.mailFrom, platform).toBe("Old <old@example.com>");
      expect(warnings, platform).toEqual(["MAIL_FROM is renamed SESAME_MAIL_FROM: the old name is read until the next release, so rename it"]);

      const both: string[] = [];
      expect(read(platform, { SESAME_MAIL_FROM: "New <new@example.com>", MAIL_FROM: "Old <old@example.com>" }, both).mailFrom).toBe("New <new@example.com>");
      expect(both, platform).toEqual(["MAIL_FROM is ignored: SESAME_MAIL_FROM is set (MAIL_FROM is its old name; remove it)"]);

      const none: string[] = [];
      read(platform, {}, none);
      expect(none, platform).toEqual([]);
      // A refusal names the variable the value came from.
      expect(refusal(platform, { SESAME_MAIL_FROM: undefined, MAIL_FROM: "Example Bcc:victim@evil.test" }).message).toMatch(/^MAIL_FROM must be one mailbox/);
    }
  });

  it("S29: needs a From address with an HTTP provider, on a server too", () => {
    for (const platform of PLATFORMS) {
      expect(refusal(platform, { SESAME_MAIL_FROM: undefined, RESEND_API_KEY: "re" }).message, platform).toBe("SESAME_MAIL_FROM is not set");
    }
    expect(read("node", { SESAME_MAIL_FROM: "no-reply@example.com", POSTMARK_SERVER_TOKEN: "pm" }).mailer).toEqual({
      type: "http",
      provider: { provider: "postmark", serverToken: "pm" },
    });
    // SESAME_MAILER, when set, chooses on a server.
    expect(read("bun", { SESAME_MAILER: "file:/tmp/mail.jsonl", RESEND_API_KEY: "re" }).mailer).toEqual({ type: "file", path: "/tmp/mail.jsonl" });
  });

  it("checks the provider's credentials and endpoint at start-up, though its code loads with the first mail", () => {
    const from = { SESAME_MAIL_FROM: "no-reply@example.com" };
    for (const platform of PLATFORMS) {
      const refused = refusal(platform, { ...from, RESEND_API_KEY: "re", RESEND_ENDPOINT: "http://mail.example.com" });
      expect([refused.message, refused.variable], platform).toEqual([
        "RESEND_ENDPOINT must be an https:// URL (http:// only for localhost)",
        "RESEND_ENDPOINT",
      ]);
    }
    expect(refusal("node", { ...from, POSTMARK_SERVER_TOKEN: "pm", POSTMARK_ENDPOINT: "not a url" }).message).toBe("POSTMARK_ENDPOINT is not a valid URL");
    // A user and password in the URL are refused and not echoed: the message goes to logs.
    const withPassword = refusal("node", { ...from, POSTMARK_SERVER_TOKEN: "pm", POSTMARK_ENDPOINT: "https://u:hunter2@mail.example.com" });
    expect(withPassword.message).toBe("POSTMARK_ENDPOINT takes no user, password, query or fragment");
    const ses = { SES_REGION: "eu-west-1", SES_ACCESS_KEY_ID: "AKID", SES_SECRET_ACCESS_KEY: "secret" };
    expect(refusal("workers", { ...ses, RESEND_API_KEY: undefined, SES_SECRET_ACCESS_KEY: "   " }).message).toBe("SES_SECRET_ACCESS_KEY is blank");
    expect(refusal("node", { ...from, RESEND_API_KEY: " " }).variable).toBe("RESEND_API_KEY");
    // The region becomes part of the API's host name.
    for (const region of ["EU-WEST-1", "eu_west_1", "eu-west-1.evil.example"]) {
      const refused = refusal("vercel", { ...ses, RESEND_API_KEY: undefined, SES_REGION: region });
      expect([refused.message, refused.variable]).toEqual([`SES_REGION must look like "eu-west-1", got ${JSON.stringify(region)}`, "SES_REGION"]);
    }
    expect(read("workers", { RESEND_ENDPOINT: "http://127.0.0.1:9/" }).mailer).toEqual({
      type: "http",
      provider: { provider: "resend", apiKey: "re_test", endpoint: "http://127.0.0.1:9/" },
    });
  });

  it("needs on Workers and Vercel what a server defaults, and names it", () => {
    for (const platform of ["workers", "vercel"] as const) {
      expect(refusal(platform, { SESAME_BASE_URL: "" }).message).toBe("SESAME_BASE_URL is not set");
      expect(refusal(platform, { SESAME_SECRET: undefined }).message).toBe("SESAME_SECRET is not set (at least 32 characters, the same on every instance)");
      expect(refusal(platform, { RESEND_API_KEY: undefined }).message).toMatch(/^no mail provider is configured: set RESEND_API_KEY, /);
    }
    expect(refusal("vercel", { DATABASE_URL: undefined }).message).toBe("DATABASE_URL is not set");
    expect(refusal("vercel", { DATABASE_URL: "mysql://db" }).message).toBe("DATABASE_URL must start with postgres:// or postgresql://");
    const node = readEnvironment({}, { platform: "node" });
    expect([node.baseUrl, node.port, node.host, node.database, node.mailer, node.secret]).toEqual([
      "http://localhost:8787",
      8787,
      "127.0.0.1",
      { type: "sqlite", path: "./.sesame/sesame.db" },
      { type: "dev" },
      undefined,
    ]);
  });

  it("parses the platform-only settings with the same code where they apply, and reads them nowhere else", () => {
    const pg = { DATABASE_URL: "postgres://db.example.com/sesame", SESAME_PG_POOL_SIZE: "7" };
    // Unset: openPostgres decides from the URL (namesPooler).
    expect(read("node", pg).database).toEqual({ type: "postgres", url: pg.DATABASE_URL, poolSize: 7, statementTimeoutMs: 5000 });
    expect(read("vercel", { SESAME_PG_STATEMENT_TIMEOUT_MS: "100" }).database).toEqual({
      type: "postgres",
      url: NEEDS.vercel.DATABASE_URL,
      poolSize: 5,
      statementTimeoutMs: 100,
      // Vercel's databases are usually behind a pooler in transaction mode, where a prepared statement is not there next time.
      prepareStatements: false,
    });
    expect(read("node", { ...pg, SESAME_PG_PREPARE: "off" }).database).toMatchObject({ prepareStatements: false });
    expect(read("vercel", { SESAME_PG_PREPARE: "on" }).database).toMatchObject({ prepareStatements: true });
    expect(refusal("node", { ...pg, SESAME_PG_PREPARE: "maybe" }).message).toBe(`SESAME_PG_PREPARE must be on or off, got "maybe"`);
    expect(refusal("vercel", { SESAME_PG_POOL_SIZE: "0" }).message).toBe(refusal("node", { ...pg, SESAME_PG_POOL_SIZE: "0" }).message);
    // Workers: D1 is a binding, the client address is Cloudflare's header, and a server's settings are not read.
    // (SESAME_MAILER is, for dev under wrangler dev only: platforms/env-options.test.ts.)
    const workers = read("workers", {
      PORT: "eighty",
      HOST: "0.0.0.0",
      SESAME_DB: "/x",
      DATABASE_URL: "nope",
      SESAME_TRUST_PROXY: "bad",
    });
    expect([workers.database, workers.trustProxy, workers.mailer.type]).toEqual([undefined, { header: "cf-connecting-ip" }, "http"]);
    expect(read("vercel", { SESAME_TRUST_PROXY: "x-forwarded-for" }).trustProxy).toEqual({ header: "x-real-ip" });
    expect(read("node", { SESAME_TRUST_PROXY: "x-forwarded-for:2" }).trustProxy).toEqual({ header: "x-forwarded-for", hops: 2 });
  });

  it("refuses by name what Deno and Bun cannot offer", () => {
    expect(refusal("deno", { DATABASE_URL: "postgres://db/sesame" }).message).toBe(
      "on Deno, Sesame keeps its data in a SQLite file (SESAME_DB); DATABASE_URL is for sesame serve on Node",
    );
    expect(refusal("bun", { SESAME_MAILER: "smtp://localhost:25" }).message).toMatch(
      /^SMTP is offered on Node only; on Bun set SESAME_MAILER=dev or file:PATH, or RESEND_API_KEY/,
    );
    expect(read("node", { SESAME_MAILER: "smtp://localhost:25" }).mailer).toEqual({ type: "smtp", url: "smtp://localhost:25" });
  });

  it("never echoes a secret, a database password or a mailer password", () => {
    for (const [name, value] of [
      ["SESAME_SECRET", "hunter2"],
      ["DATABASE_URL", "mysql://u:hunter2@db"],
      ["SESAME_MAILER", "pigeon://u:hunter2@coop"],
      ["SESAME_BASE_URL", "https://u:hunter2@auth.example.com"],
    ] as const) {
      expect(refusal("node", { [name]: value }).message).not.toContain("hunter2");
    }
  });

  it("S20: reads the access-token settings and the CORS origins, refusing an empty list item", () => {
    const config = read("node", {
      SESAME_CORS_ORIGINS: "https://app.example.com, https://admin.example.com",
      SESAME_TOKEN_AUDIENCE: "https://api.example.com",
      SESAME_TOKEN_TTL_SECONDS: "600",
      SESAME_TOKEN_CLAIMS: "company",
      SESAME_KEY_ROTATION_DAYS: "7",
    });
    expect(sesameOptionsFrom(config)).toMatchObject({
      corsOrigins: ["https://app.example.com", "https://admin.example.com"],
      accessTokens: { audience: "https://api.example.com", ttlSeconds: 600, profileClaims: ["company"], keyRotationDays: 7 },
    });
    expect(refusal("workers", { SESAME_CORS_ORIGINS: "https://a.example,,https://b.example" }).message).toMatch(
      /^SESAME_CORS_ORIGINS must be a comma-separated list/,
    );
    expect(refusal("node", { SESAME_TOKEN_TTL_SECONDS: "30" }).message).toMatch(/^SESAME_TOKEN_TTL_SECONDS must be a whole number from 60 to 3600/);
  });

  it("reads the webhooks' endpoints and secret on every platform, both or neither, and never echoes the secret", () => {
    const secret = `whsec_${btoa("k".repeat(32))}`;
    for (const platform of PLATFORMS) {
      const config = read(platform, { SESAME_WEBHOOK_URL: "https://hooks.example.com/a, https://hooks.example.com/b", SESAME_WEBHOOK_SECRET: secret });
      expect(sesameOptionsFrom(config).webhooks).toEqual({ urls: ["https://hooks.example.com/a", "https://hooks.example.com/b"], secret });
      expect(refusal(platform, { SESAME_WEBHOOK_URL: "https://hooks.example.com/a" }).message).toBe(
        "SESAME_WEBHOOK_URL is set without SESAME_WEBHOOK_SECRET (whsec_…)",
      );
      expect(refusal(platform, { SESAME_WEBHOOK_SECRET: secret }).message).toBe("SESAME_WEBHOOK_SECRET is set without SESAME_WEBHOOK_URL");
    }
    const short = refusal("node", { SESAME_WEBHOOK_URL: "https://hooks.example.com/a", SESAME_WEBHOOK_SECRET: "whsec_c2hvcnQ=" });
    expect(short.message).toMatch(/^SESAME_WEBHOOK_SECRET must be whsec_ followed by 24 to 64 bytes/);
    expect(short.message).not.toContain("c2hvcnQ");
    expect(refusal("node", { SESAME_WEBHOOK_URL: "mailto:a@example.com", SESAME_WEBHOOK_SECRET: secret }).message).toMatch(
      /^SESAME_WEBHOOK_URL must list http or https URLs/,
    );
  });

  it("reads SESAME_SIGNUP on every platform, refusing anything but open, closed or invite", () => {
    for (const platform of PLATFORMS) {
      expect(sesameOptionsFrom(read(platform, { SESAME_SIGNUP: "invite" })).signup).toBe("invite");
      expect(sesameOptionsFrom(read(platform, {})).signup).toBeUndefined();
      expect(refusal(platform, { SESAME_SIGNUP: "private" }).message).toBe('SESAME_SIGNUP must be open, closed or invite, got "private"');
    }
  });

  it("reads SESAME_PAGES_URL (headless) on every platform, refusing one that is not an http(s) URL", () => {
    for (const platform of PLATFORMS) {
      expect(sesameOptionsFrom(read(platform, { SESAME_PAGES_URL: "https://app.example.com/login/" })).pagesUrl).toBe("https://app.example.com/login/");
      expect(refusal(platform, { SESAME_PAGES_URL: "app.example.com" }).message).toMatch(/^SESAME_PAGES_URL must be an http:\/\/ or https:\/\/ URL/);
    }
  });
});
