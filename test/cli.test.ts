/**
 * `sesame` as a process: real HTTP on a free port, a SQLite file, the file and
 * SMTP mailers. Runs the built CLI (npm test builds first).
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { openSqliteFile } from "../src/store/sqlite-file.js";
import { recordingSmtp } from "./smtp.js";
import { client, mailsArrived, processSandbox, run, waitFor } from "./process.js";

const box = processSandbox("cli");

const serve = box.serve;

describe("sesame serve", () => {
  it("runs both flows over real HTTP with the file mailer, and stops cleanly on SIGTERM", async () => {
    const mailPath = join(box.dir, "flows", "mail.jsonl");
    const server = await serve({ SESAME_DB: join(box.dir, "flows", "sesame.db"), SESAME_MAILER: `file:${mailPath}`, SESAME_BASE_URL: "http://127.0.0.1:1" });
    const browser = client(server.url);

    expect((await browser("/magic", { email: "Ada@Example.com" })).status).toBe(303);
    const [signupMail] = await mailsArrived(mailPath, 1);
    expect(signupMail).toMatchObject({ to: "ada@example.com", kind: "signup" });
    expect(Object.keys(signupMail!).sort()).toEqual(["code", "expiresAt", "html", "kind", "sentAt", "subject", "text", "to", "url"]);
    // Links point at the configured base URL, not at where the request came in.
    expect(signupMail!.url.startsWith("http://127.0.0.1:1/signup?token=")).toBe(true);
    const signupToken = new URL(signupMail!.url).searchParams.get("token")!;
    expect((await browser(`/signup?token=${signupToken}`)).status).toBe(200);
    expect((await browser("/signup", { token: signupToken, name: "Ada" })).status).toBe(303);
    expect(await (await browser("/session")).json()).toMatchObject({ account: { email: "ada@example.com", name: "Ada" } });
    expect((await browser("/logout", {})).status).toBe(303);
    expect((await browser("/session")).status).toBe(401);

    await browser("/magic", { email: "ada@example.com" });
    const loginMail = (await mailsArrived(mailPath, 2))[1]!;
    expect(loginMail.kind).toBe("login");
    const loginToken = new URL(loginMail.url).searchParams.get("token")!;
    expect(await (await client(server.url)(`/login?token=${loginToken}`)).text()).toContain("Log in as ada@example.com?"); // another browser: confirm
    const oneClick = await browser(`/login?token=${loginToken}`); // the browser that asked: in at once
    expect(oneClick.status).toBe(303);
    expect((await browser("/session")).status).toBe(200);
    expect(server.output()).not.toContain(loginToken);

    expect(await server.stop()).toBe(0);
    expect(server.output()).toContain("stopping");
  });

  it("six processes starting at once on a new SQLite file all come up (they wait for each other's locks)", async () => {
    const env = { SESAME_DB: join(box.dir, "crowd", "sesame.db"), SESAME_MAILER: `file:${join(box.dir, "crowd", "mail.jsonl")}` };
    const started = await Promise.allSettled(Array.from({ length: 6 }, () => serve(env)));
    expect(started.filter((s) => s.status === "rejected").map((s) => String((s as PromiseRejectedResult).reason))).toEqual([]);
  });

  it("S03: two processes on one SQLite file redeem a login token exactly once under 50 parallel requests", async () => {
    const db = join(box.dir, "shared", "sesame.db");
    const mailPath = join(box.dir, "shared", "mail.jsonl");
    const env = { SESAME_DB: db, SESAME_MAILER: `file:${mailPath}`, SESAME_BASE_URL: "http://127.0.0.1:1" };
    const [a, b] = await Promise.all([serve(env), serve(env)]);
    const signup = client(a!.url);
    await signup("/magic", { email: "bo@example.com" });
    const signupToken = new URL((await mailsArrived(mailPath, 1))[0]!.url).searchParams.get("token")!;
    await signup("/signup", { token: signupToken, name: "Bo" });
    await client(b!.url)("/magic", { email: "bo@example.com" });
    const token = new URL((await mailsArrived(mailPath, 2))[1]!.url).searchParams.get("token")!;

    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => client((i % 2 ? a : b)!.url)("/login", { token })));
    const won = responses.filter((r) => r.status === 303 && r.headers.getSetCookie().some((c) => c.startsWith("sesame_session=")));
    expect(won).toHaveLength(1);
    expect(responses.filter((r) => r.status === 410)).toHaveLength(49);
  });

  it("S10: N+1 link requests for one address across two processes on one SQLite file: N mails and one 429 with Retry-After", async () => {
    const mailPath = join(box.dir, "limits", "mail.jsonl");
    const env = {
      SESAME_DB: join(box.dir, "limits", "sesame.db"),
      SESAME_MAILER: `file:${mailPath}`,
      SESAME_RATE_LIMIT_ADDRESS: "3/3600",
    };
    const [a, b] = await Promise.all([serve(env), serve(env)]);
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 4; i++) {
      const response = await client((i % 2 ? a : b)!.url)("/magic", { email: "Flo@Example.com" });
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    expect(statuses).toEqual([303, 303, 303, 429]);
    expect(await mailsArrived(mailPath, 3, (m) => m.to === "flo@example.com")).toHaveLength(3);
    const wait = Number(refused!.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(1200); // 3 per hour: one frees up every 20 minutes
    expect(await refused!.text()).toMatch(/Try again in 20 minutes/);
  });

  it("S11: a spoofed X-Forwarded-For is ignored unless a trusted proxy is configured", async () => {
    const limits = { SESAME_RATE_LIMIT_CLIENT: "2/3600", SESAME_MAILER: `file:${join(box.dir, "proxy", "mail.jsonl")}` };
    const direct = await serve({ ...limits, SESAME_DB: join(box.dir, "proxy", "direct.db") });
    const spoofed = ["203.0.113.1", "203.0.113.2", "203.0.113.3"].map((ip, i) =>
      client(direct.url, { "x-forwarded-for": ip })("/magic", { email: `p${i}@example.com` }),
    );
    // All three come from 127.0.0.1 whatever they claim: the third is over the client limit.
    expect((await Promise.all(spoofed)).map((r) => r.status).sort()).toEqual([303, 303, 429]);

    const proxied = await serve({ ...limits, SESAME_DB: join(box.dir, "proxy", "proxied.db"), SESAME_TRUST_PROXY: "x-forwarded-for" });
    const viaProxy = (forwarded: string, i: number) => client(proxied.url, { "x-forwarded-for": forwarded })("/magic", { email: `q${i}@example.com` });
    const distinct = await Promise.all(["203.0.113.1", "203.0.113.2", "203.0.113.3"].map(viaProxy));
    expect(distinct.map((r) => r.status)).toEqual([303, 303, 303]);
    // The proxy appends the real address last; a client-written first entry does not count.
    const same = [];
    for (let i = 0; i < 3; i++) same.push((await viaProxy(`10.9.9.${i}, 198.51.100.7`, 10 + i)).status);
    expect(same).toEqual([303, 303, 429]);
  });

  it("sends real mail over SMTP, and the link in it logs in", async () => {
    const received: Buffer[] = [];
    const smtp = recordingSmtp((_to, raw) => received.push(raw));
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    try {
      const port = (smtp.server.address() as AddressInfo).port;
      const server = await serve({
        SESAME_DB: join(box.dir, "smtp", "sesame.db"),
        SESAME_MAILER: `smtp://127.0.0.1:${port}`,
        SESAME_MAIL_FROM: "Sesame <no-reply@example.com>",
      });
      const browser = client(server.url);
      expect((await browser("/magic", { email: "cy@example.com" })).status).toBe(303);
      await waitFor("the mail at the SMTP server", () => (received.length > 0 ? received : undefined));
      expect(received).toHaveLength(1);
      const mail = await simpleParser(received[0]!);
      expect(mail.to).toMatchObject({ text: "cy@example.com" });
      const link = mail.text!.match(/https?:\/\/\S+signup\?token=[A-Za-z0-9_-]{43}/)![0];
      expect(mail.html).toContain(link);
      const token = new URL(link).searchParams.get("token")!;
      expect((await browser("/signup", { token, name: "Cy" })).status).toBe(303);
      expect(await (await browser("/session")).json()).toMatchObject({ account: { email: "cy@example.com" } });
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it("serves the development mailbox with the dev mailer", async () => {
    const server = await serve({ SESAME_DB: join(box.dir, "dev", "sesame.db") });
    expect(server.output()).toContain("development mailer");
    const browser = client(server.url);
    await browser("/magic", { email: "dee@example.com" });
    const mailbox = await fetch(`${server.url}/_dev/mail`, { headers: { accept: "application/json" } });
    const { messages } = (await mailbox.json()) as { messages: { to: string; url: string }[] };
    expect(messages[0]!.to).toBe("dee@example.com");
    expect(server.output()).toContain(messages[0]!.url); // the dev mailer prints the link: its purpose
  });

  it("themes pages and mails from SESAME_APP_NAME, SESAME_ACCENT_COLOR and SESAME_LOGO_URL", async () => {
    const mailPath = join(box.dir, "theme", "mail.jsonl");
    const server = await serve({
      SESAME_DB: join(box.dir, "theme", "sesame.db"),
      SESAME_MAILER: `file:${mailPath}`,
      SESAME_APP_NAME: "Acme",
      SESAME_ACCENT_COLOR: "#0f766e",
      SESAME_LOGO_URL: "https://cdn.example.com/acme.svg",
    });
    const home = await fetch(server.url);
    const html = await home.text();
    expect(html).toContain('<img class="logo" src="https://cdn.example.com/acme.svg" alt=""/>');
    expect(html).toContain("<span>Acme</span>");
    expect(home.headers.get("content-security-policy")).toContain("img-src 'self' data: https://cdn.example.com;");
    expect(await (await fetch(`${server.url}/assets/sesame.css`)).text()).toContain("--accent: #0f766e;");
    await client(server.url)("/magic", { email: "tia@example.com" });
    const [mail] = await mailsArrived(mailPath);
    expect(mail!.subject).toBe("Finish signing up for Acme");
    expect(mail!.html).toContain('bgcolor="#0f766e"');
  });
});

describe("sesame configuration errors", () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ["an unknown mailer scheme", { SESAME_MAILER: "pigeon://coop" }, /SESAME_MAILER must be dev, file:PATH, smtp/],
    ["a base URL that is not a URL", { SESAME_BASE_URL: "not a url" }, /SESAME_BASE_URL must be an http/],
    ["a non-http base URL", { SESAME_BASE_URL: "ftp://example.com" }, /SESAME_BASE_URL must be an http/],
    ["a bad port", { PORT: "eighty" }, /PORT must be a number/],
    ["the development mailer on a public address", { HOST: "0.0.0.0" }, /development mailer .* loopback HOST/],
    ["a malformed rate limit", { SESAME_RATE_LIMIT_ADDRESS: "five per hour" }, /SESAME_RATE_LIMIT_ADDRESS must be like 1\/60/],
    ["an unknown proxy header", { SESAME_TRUST_PROXY: "forwarded" }, /SESAME_TRUST_PROXY must be off, x-forwarded-for/],
    ["a bad uniform setting", { SESAME_UNIFORM_RESPONSES: "maybe" }, /SESAME_UNIFORM_RESPONSES must be on or off/],
    ["a malformed guess limit", { SESAME_GUESS_LIMIT: "ten" }, /SESAME_GUESS_LIMIT must be like 10\/3600/],
    ["a guess limit of two rules", { SESAME_GUESS_LIMIT: "5/60,10/3600" }, /SESAME_GUESS_LIMIT must be like 10\/3600/],
    ["a bad login-notice setting", { SESAME_LOGIN_NOTICES: "sometimes" }, /SESAME_LOGIN_NOTICES must be on or off/],
    ["an accent that is not a hex colour", { SESAME_ACCENT_COLOR: "red;background:url(https://evil.example/x)" }, /SESAME_ACCENT_COLOR must be a hex colour/],
    ["a logo over plain http", { SESAME_LOGO_URL: "http://cdn.example/logo.png" }, /SESAME_LOGO_URL must be an https:\/\/ URL or a path/],
    ["a protocol-relative logo", { SESAME_LOGO_URL: "//cdn.example/logo.png" }, /SESAME_LOGO_URL must be an https:\/\/ URL or a path/],
    [
      "a short secret (not echoed)",
      { SESAME_SECRET: "hunter2-hunter2" },
      /^sesame: SESAME_SECRET must be at least 32 characters \(it has 15\); e\.g\. `openssl rand -base64 32`$/m,
    ],
    ["PostgreSQL without a secret", { DATABASE_URL: "postgres://127.0.0.1:1/sesame" }, /SESAME_SECRET must be set with DATABASE_URL/],
  ];
  it.each(cases)("%s exits non-zero with one clear line", async (_name, env, message) => {
    const result = await run(["serve"], { SESAME_DB: join(box.dir, "bad", "x.db"), ...env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stdout).not.toContain("listening");
  });

  it("an unwritable database path exits non-zero with one clear line", async () => {
    const file = join(box.dir, "a-file");
    writeFileSync(file, "");
    const result = await run(["serve"], { SESAME_DB: join(file, "sub", "sesame.db") });
    const withSecret = await run(["serve"], { SESAME_DB: join(file, "sub", "sesame.db"), SESAME_SECRET: "s".repeat(32) });
    expect(withSecret.code).toBe(1);
    expect(withSecret.stderr).toMatch(/^sesame: Cannot open the SQLite database at .*a-file\/sub\/sesame\.db/);
    expect(result.code).toBe(1);
    // The key file beside the database is the first thing written there.
    expect(result.stderr).toMatch(/^sesame: cannot create the key file .*a-file\/sub\/sesame\.db\.key: ENOTDIR/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("an unknown command prints usage and exits 2", async () => {
    const result = await run(["launch"], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Usage: sesame");
  });
});

describe("sesame deliver and the key file", () => {
  it("sends what a stopped server left queued, with the key it wrote beside the database; exit 4 while the mail service refuses", async () => {
    const db = join(box.dir, "deliver", "sesame.db");
    const received: string[] = [];
    const smtp = recordingSmtp((to) => received.push(to));
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    const port = (smtp.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => smtp.close(() => resolve())); // down: nothing listens on the port
    const env = { SESAME_DB: db, SESAME_MAILER: `smtp://127.0.0.1:${port}`, SESAME_MAIL_RETRY_SECONDS: "1" };
    const server = await serve(env);
    expect((await client(server.url)("/magic", { email: "queued@example.com" })).status).toBe(303);
    await waitFor("the failed first try", () => (server.output().includes('"event":"mail.failed"') ? true : undefined));
    expect(await server.stop()).toBe(0);

    const key = `${db}.key`;
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(readFileSync(key, "utf8").trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // A pass once the retry is due (about a second on), still refused: it stays queued.
    const refused = await waitFor(
      "a pass that tries",
      async () => {
        const pass = await run(["deliver"], env);
        return pass.stdout.includes("delivered 0 mails; 0 failed") ? undefined : pass;
      },
      20_000,
    );
    expect(refused.stdout).toContain("delivered 0 mails; 1 failed and stay queued");
    expect(refused.code).toBe(4);

    const up = recordingSmtp((to) => received.push(to));
    await new Promise<void>((resolve) => up.listen(port, "127.0.0.1", () => resolve()));
    try {
      // Due after the backoff (two seconds ±20 % by now); a pass before then sends nothing.
      const delivered = await waitFor(
        "a pass that delivers",
        async () => {
          const pass = await run(["deliver"], env);
          return pass.stdout.includes("delivered 1 mails") ? pass : undefined;
        },
        40_000,
      );
      expect(delivered.code).toBe(0);
      expect(received).toEqual(["queued@example.com"]);
      expect((await run(["deliver"], env)).stdout).toContain("delivered 0 mails; 0 failed and stay queued; 0 dropped");
    } finally {
      await new Promise<void>((resolve) => up.close(() => resolve()));
    }
  }, 60_000);
});

describe("sesame migrate and purge", () => {
  it("migrate creates the schema; purge removes what expired over a week ago and keeps the rest", async () => {
    const db = join(box.dir, "ops", "sesame.db");
    const migrated = await run(["migrate"], { SESAME_DB: db });
    expect(migrated).toMatchObject({ code: 0 });
    expect(migrated.stdout).toContain("up to date");

    const opened = await openSqliteFile(db);
    const day = 24 * 3600_000;
    for (const [hash, age] of [
      ["old-1", 30 * day],
      ["old-2", 8 * day],
      ["fresh", 0],
    ] as const) {
      const at = Date.now() - age;
      await opened.store.createLinkToken({ email: `${hash}@example.com`, tokenHash: hash, now: at, signupExpiresAt: at + 3600_000, loginExpiresAt: at });
    }
    opened.close();

    const purged = await run(["purge"], { SESAME_DB: db });
    expect(purged.code).toBe(0);
    expect(purged.stdout).toMatch(/purged 2 expired links, 0 sessions, 0 rate-limit counters, 0 finished mails and 0 old events/);
    const after = await openSqliteFile(db);
    expect((await after.store.inspectLinkToken("fresh", "signup", Date.now())).status).toBe("valid");
    expect((await after.store.inspectLinkToken("old-2", "signup", Date.now())).status).toBe("invalid");
    after.close();
  });
});

describe("S29: mail settings are checked before anything listens", () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    [
      "a From group that would add a recipient",
      { SESAME_MAIL_FROM: "Example Bcc:victim@evil.test" },
      /^sesame: SESAME_MAIL_FROM must be one mailbox .*"Example Bcc:victim@evil\.test"$/m,
    ],
    [
      "a From with a line break",
      { SESAME_MAIL_FROM: "Example <no-reply@app.example>\r\nBcc: victim@evil.test" },
      /^sesame: SESAME_MAIL_FROM must be one mailbox/,
    ],
    ["two From addresses", { SESAME_MAIL_FROM: "no-reply@app.example, victim@evil.test" }, /^sesame: SESAME_MAIL_FROM must be one mailbox/],
    [
      "SMTP credentials with tls=off to a remote host",
      { SESAME_MAILER: "smtp://user:hunter2@mail.example.com:587?tls=off" },
      /^sesame: the SMTP URL has a user or password and tls=off/,
    ],
    [
      "an unknown SMTP option",
      { SESAME_MAILER: "smtp://user:hunter2@mail.example.com:587?tls=insecure" },
      /^sesame: the SMTP URL takes no query option but tls=off$/m,
    ],
  ];
  it.each(cases)("S29: %s exits 1 with one line, without the password", async (_name, env, message) => {
    const result = await run(["serve"], { SESAME_DB: join(box.dir, "s29", "x.db"), ...env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).not.toContain("hunter2");
    expect(result.stdout).not.toContain("listening");
  });
});

describe("renamed variables", () => {
  it("MAIL_FROM, the old name of SESAME_MAIL_FROM, still sets the From of the mail, with a one-line warning", async () => {
    const received: Buffer[] = [];
    const smtp = recordingSmtp((_to, raw) => received.push(raw));
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    try {
      const port = (smtp.server.address() as AddressInfo).port;
      const server = await serve({
        SESAME_DB: join(box.dir, "renamed", "sesame.db"),
        SESAME_MAILER: `smtp://127.0.0.1:${port}`,
        MAIL_FROM: "Old Name <old@example.com>",
      });
      expect(server.output()).toContain("sesame: warning: MAIL_FROM is renamed SESAME_MAIL_FROM: the old name is read until the next release, so rename it\n");
      await client(server.url)("/magic", { email: "old@example.com" });
      await waitFor("the mail at the SMTP server", () => (received.length > 0 ? received : undefined));
      expect((await simpleParser(received[0]!)).from?.text).toBe('"Old Name" <old@example.com>');
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
