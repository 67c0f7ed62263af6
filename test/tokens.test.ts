/**
 * Access tokens (S20): issued for a live session only, checked by jose and by
 * sesame/verify against the key set served over HTTP; forged, expired and misdirected
 * tokens refused; keys rotated on a schedule and on demand without breaking a live token.
 */
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { toNodeHandler } from "../src/platforms/node.js";
import { Hono } from "hono";
import { createVerifier, type SesameClaims } from "../src/verify/verifier.js";
import { makeSesame, type Browser, checkedSesame } from "./support.js";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const ISSUER = "http://localhost:8787";

type Made = Awaited<ReturnType<typeof makeSesame>>;

/** A Sesame on a clock that starts at the real time (jose checks exp against it), served over HTTP for its JWKS. */
async function served(overrides: Parameters<typeof makeSesame>[0] = {}) {
  let clock = Date.now();
  const made = await makeSesame({ now: () => clock, ...overrides });
  const server: Server = createServer(toNodeHandler(made.sesame));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  return {
    ...made,
    jwksUrl,
    advance: (ms: number) => (clock += ms),
    async close() {
      await new Promise((resolve) => server.close(resolve));
      made.close();
    },
  };
}

async function signUp(t: Made, email = "ada@example.com"): Promise<Browser> {
  const browser = t.browser();
  await browser.post("/magic", { email });
  await browser.post("/signup", { token: t.lastLink(email).searchParams.get("token")!, name: "Ada" });
  return browser;
}

async function tokenFor(browser: Browser): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await browser.post("/token", {}, { accept: "application/json" });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("S20: access tokens", () => {
  let t: Awaited<ReturnType<typeof served>>;
  beforeAll(async () => {
    t = await served();
  });
  afterAll(() => t.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it("S20: POST /token answers a short-lived ES256 JWT with the promised claims, and jose verifies it against the served JWKS", async () => {
    const ada = await signUp(t);
    const issued = await tokenFor(ada);
    expect(issued.status).toBe(200);
    expect(issued.headers.get("cache-control")).toBe("no-store");
    expect(issued.body).toMatchObject({ token_type: "Bearer", expires_in: 300 });
    const token = issued.body.access_token as string;
    const header = decodeProtectedHeader(token);
    expect(header).toMatchObject({ alg: "ES256", typ: "JWT" });

    const jwksResponse = await fetch(t.jwksUrl);
    expect(jwksResponse.headers.get("cache-control")).toMatch(/^public, max-age=\d+$/);
    const { keys } = (await jwksResponse.json()) as { keys: { kid: string; d?: string }[] };
    expect(keys.map((k) => k.kid)).toEqual([header.kid]);
    expect(keys[0]!.d).toBeUndefined();

    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(t.jwksUrl)), { issuer: ISSUER, audience: ISSUER, algorithms: ["ES256"] });
    expect(payload).toMatchObject({ email: "ada@example.com", email_verified: true, name: "Ada" });
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(payload.nbf).toBe(payload.iat);
    expect(payload.sub).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(typeof payload.jti).toBe("string");
    // sid names the session without being its secret or the hash the database keys it by.
    const secret = ada.cookies.get("sesame_session")!;
    expect(payload.sid).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const idHash = createHash("sha256").update(secret).digest("base64url");
    const decoded = Buffer.from(token.split(".")[1]!, "base64url").toString();
    expect(decoded).not.toContain(secret);
    expect(decoded).not.toContain(idHash.slice(0, 16));
  });

  it("S20: sesame/verify accepts the token from a Request's Authorization header, and names what is wrong with forged or misdirected ones", async () => {
    const ada = await signUp(t, "bea@example.com");
    const token = (await tokenFor(ada)).body.access_token as string;
    const verify = createVerifier({ issuer: ISSUER, audience: ISSUER, jwksUrl: t.jwksUrl });
    const ok = await verify(new Request("http://api.example/", { headers: { authorization: `Bearer ${token}` } }));
    expect(ok).toMatchObject({ ok: true, claims: { email: "bea@example.com" } });

    const [head, body, signature] = token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(body, "base64url").toString()) as Record<string, unknown>;
    const { kid } = decodeProtectedHeader(token);
    // alg none, with and without a signature part.
    const none = `${encode({ alg: "none", typ: "JWT", kid })}.${body}.`;
    expect(await verify(none)).toMatchObject({ ok: false, code: "bad_algorithm" });
    // HMAC "signed" with the public key as its secret: the key-confusion attack.
    const { keys } = (await (await fetch(t.jwksUrl)).json()) as { keys: object[] };
    const hmacKey = await crypto.subtle.importKey("raw", new TextEncoder().encode(JSON.stringify(keys[0])), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const hmacInput = `${encode({ alg: "HS256", typ: "JWT", kid })}.${body}`;
    const hmac = Buffer.from(await crypto.subtle.sign("HMAC", hmacKey, new TextEncoder().encode(hmacInput))).toString("base64url");
    expect(await verify(`${hmacInput}.${hmac}`)).toMatchObject({ ok: false, code: "bad_algorithm" });
    // A payload changed after signing (another address).
    const tampered = `${head}.${encode({ ...claims, email: "mallory@example.com" })}.${signature}`;
    expect(await verify(tampered)).toMatchObject({ ok: false, code: "bad_signature" });
    // Right token, wrong expectations.
    expect(await createVerifier({ issuer: ISSUER, audience: "https://other.example", jwksUrl: t.jwksUrl })(token)).toMatchObject({
      ok: false,
      code: "wrong_audience",
    });
    expect(await createVerifier({ issuer: "https://evil.example", audience: ISSUER, jwksUrl: t.jwksUrl })(token)).toMatchObject({
      ok: false,
      code: "wrong_issuer",
    });
    expect(await verify("not.a.token")).toMatchObject({ ok: false, code: "malformed" });
    expect(await verify(new Request("http://api.example/"))).toMatchObject({ ok: false, code: "missing_token" });
    // jose itself refuses them too.
    const jwks = createRemoteJWKSet(new URL(t.jwksUrl));
    for (const forged of [none, `${hmacInput}.${hmac}`, tampered]) {
      await expect(jwtVerify(forged, jwks, { issuer: ISSUER, audience: ISSUER, algorithms: ["ES256"] })).rejects.toThrow();
    }
  });

  it("S20: an expired token is refused, and one not yet valid", async () => {
    const ada = await signUp(t, "cy@example.com");
    t.advance(-10 * MINUTE);
    const old = (await tokenFor(ada)).body.access_token as string;
    t.advance(20 * MINUTE);
    const early = (await tokenFor(ada)).body.access_token as string;
    t.advance(-10 * MINUTE);
    const verify = createVerifier({ issuer: ISSUER, audience: ISSUER, jwksUrl: t.jwksUrl });
    expect(await verify(old)).toMatchObject({ ok: false, code: "expired" });
    expect(await verify(early)).toMatchObject({ ok: false, code: "not_yet_valid" });
  });

  it("S20: a token verified before is remembered only until it expires, and checked in full when the cache is off", async () => {
    const ada = await signUp(t, "gus@example.com");
    const token = (await tokenFor(ada)).body.access_token as string;
    let fetches = 0;
    const jwks = createServer(async (_req, res) => {
      fetches += 1;
      res.writeHead(200, { "content-type": "application/json" }).end(await (await fetch(t.jwksUrl)).text());
    });
    await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", () => resolve()));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/`;
    try {
      const verify = createVerifier({ issuer: ISSUER, audience: ISSUER, jwksUrl });
      expect(await verify(token)).toMatchObject({ ok: true });
      expect(await verify(token)).toMatchObject({ ok: true });
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 6 * MINUTE });
      expect(await verify(token)).toMatchObject({ ok: false, code: "expired" });
      vi.useRealTimers();
      // Off: each call checks the signature (a changed key set would be seen at its next fetch).
      const strict = createVerifier({ issuer: ISSUER, audience: ISSUER, jwksUrl, verifiedTokens: 0 });
      expect(await strict(token)).toMatchObject({ ok: true });
      const [head, body] = token.split(".");
      expect(await strict(`${head}.${body}.${"A".repeat(86)}`)).toMatchObject({ ok: false, code: "bad_signature" });
      expect(fetches).toBe(2);
    } finally {
      vi.useRealTimers();
      await new Promise((resolve) => jwks.close(resolve));
    }
  });

  it("S20: no token without a live session: never logged in, logged out, or expired; a token already issued lives out its minutes", async () => {
    expect((await tokenFor(t.browser())).status).toBe(401);
    const ada = await signUp(t, "dee@example.com");
    const before = (await tokenFor(ada)).body.access_token as string;
    await ada.post("/logout", {});
    const after = await tokenFor(ada);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ error: { code: "unauthenticated" } });
    // Documented: a token cannot be recalled; it expires within its lifetime.
    expect(await createVerifier({ issuer: ISSUER, audience: ISSUER, jwksUrl: t.jwksUrl })(before)).toMatchObject({ ok: true });

    const eve = await signUp(t, "eve@example.com");
    t.advance(8 * DAY); // past the 7-day idle timeout
    expect((await tokenFor(eve)).status).toBe(401);
    t.advance(-8 * DAY);
  });

  it("S20: the library issues the same tokens: issueToken(request)", async () => {
    const ada = await signUp(t, "fay@example.com");
    const request = new Request(`${ISSUER}/app`, { headers: { cookie: `sesame_session=${ada.cookies.get("sesame_session")}` } });
    const issued = await t.sesame.issueToken(request);
    if (!issued.ok) throw new Error(issued.reason);
    expect(await createVerifier({ issuer: ISSUER, audience: ISSUER, jwksUrl: t.jwksUrl })(issued.accessToken)).toMatchObject({
      ok: true,
      claims: { email: "fay@example.com" },
    });
    expect(await t.sesame.issueToken(new Request(`${ISSUER}/app`))).toEqual({ ok: false, reason: "unauthenticated" });
  });
});

describe("the README's API that checks a bearer token", () => {
  it("S20: lets a request with a token through with its claims, and answers 401 with the code otherwise", async () => {
    const t = await served();
    try {
      const token = (await tokenFor(await signUp(t))).body.access_token as string;
      // As in the README, "Other services".
      const verify = createVerifier({ issuer: ISSUER, audience: ISSUER, jwksUrl: t.jwksUrl });
      const app = new Hono<{ Variables: { user: SesameClaims } }>();
      app.use("/api/*", async (c, next) => {
        const result = await verify(c.req.raw);
        if (!result.ok) return c.json({ error: result.code }, 401);
        c.set("user", result.claims);
        await next();
      });
      app.get("/api/me", (c) => c.json({ email: c.var.user.email }));
      const ok = await app.request("/api/me", { headers: { authorization: `Bearer ${token}` } });
      expect(await ok.json()).toEqual({ email: "ada@example.com" });
      const refused = await app.request("/api/me");
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ error: "missing_token" });
    } finally {
      await t.close();
    }
  });
});

describe("S20: key rotation", () => {
  it("S20: after an on-demand rotation, an earlier token verifies until it expires, and a verifier that cached the old set fetches the new kid (once per 30 s at most)", async () => {
    const t = await served();
    try {
      const ada = await signUp(t);
      const before = (await tokenFor(ada)).body.access_token as string;
      let fetches = 0;
      const counting = createServer(async (req, res) => {
        fetches += 1;
        const upstream = await fetch(t.jwksUrl);
        res.writeHead(200, { "content-type": "application/json" }).end(await upstream.text());
      });
      await new Promise<void>((resolve) => counting.listen(0, "127.0.0.1", () => resolve()));
      const verify = createVerifier({ issuer: ISSUER, audience: ISSUER, jwksUrl: `http://127.0.0.1:${(counting.address() as AddressInfo).port}/` });
      try {
        expect(await verify(before)).toMatchObject({ ok: true });
        const rotated = await t.sesame.rotateSigningKeys();
        const after = (await tokenFor(ada)).body.access_token as string;
        expect(decodeProtectedHeader(after).kid).toBe(rotated.kid);
        expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
        // Within the cooldown the cached set is all there is.
        expect(await verify(after)).toMatchObject({ ok: false, code: "unknown_key" });
        vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 31_000 });
        expect(await verify(after)).toMatchObject({ ok: true });
        expect(await verify(before)).toMatchObject({ ok: true });
        expect(fetches).toBe(2);
      } finally {
        vi.useRealTimers();
        await new Promise((resolve) => counting.close(resolve));
      }
    } finally {
      await t.close();
    }
  });

  it("S20: keys rotate on schedule: announced a day ahead, signing from their day, the old one dropped once its tokens expired", async () => {
    // Sessions that outlive a rotation, so one browser asks across it.
    const t = await served({ accessTokens: { keyRotationDays: 30 }, sessionIdleTimeoutSeconds: 90 * 86400, sessionAbsoluteTimeoutSeconds: 90 * 86400 });
    try {
      const ada = await signUp(t);
      const kidOf = async () => decodeProtectedHeader((await tokenFor(ada)).body.access_token as string).kid;
      const published = async () => ((await t.sesame.publishedKeys()).keys as { kid: string }[]).map((k) => k.kid);
      const first = await kidOf();
      expect(await published()).toEqual([first]);

      t.advance(29 * DAY + MINUTE); // inside the day before rotation: the next key is announced, not used
      await t.sesame.publishedKeys(); // (the set is re-read at most once a minute)
      t.advance(MINUTE);
      expect(await kidOf()).toBe(first);
      const announced = await published();
      expect(announced).toHaveLength(2);
      expect(announced[0]).toBe(first);
      const next = announced[1]!;

      t.advance(DAY); // past the switch
      expect(await kidOf()).toBe(next);
      expect(await published()).toEqual([first, next]);

      t.advance(66 * MINUTE); // longer than any token lives
      expect(await published()).toEqual([next]);
    } finally {
      await t.close();
    }
  });

  it("S20: four instances on one database starting at once end with one key", async () => {
    const t = await served();
    try {
      const { openSqliteFile } = await import("../src/store/sqlite-file.js");
      const { createSesame, DevMailbox } = await import("../src/index.js");
      const opened = await Promise.all(Array.from({ length: 4 }, () => openSqliteFile(t.dbPath)));
      const instances = opened.map((db) =>
        checkedSesame(
          createSesame({ baseUrl: ISSUER, store: db.store, mailer: new DevMailbox({ print: () => {} }), secret: "the same secret on every instance, 32+" }),
        ),
      );
      const sets = await Promise.all(instances.map((sesame) => sesame.publishedKeys()));
      for (const set of sets) expect(set.keys).toEqual(sets[0]!.keys);
      expect(sets[0]!.keys).toHaveLength(1);
      for (const db of opened) db.close();
    } finally {
      await t.close();
    }
  });
});
