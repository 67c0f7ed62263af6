/**
 * CORS for POST /token and GET /session: only the configured origins, with credentials,
 * their own origin echoed (never `*`), `Vary: Origin` on every answer, and preflights
 * answered; every other origin gets no CORS header, and the cross-site check on the other
 * POSTs is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSesame, type Browser } from "./support.js";

const APP = "https://app.example.com";
const EVIL = "https://evil.example";
let t: Awaited<ReturnType<typeof makeSesame>>;
let ada: Browser;

beforeAll(async () => {
  t = await makeSesame({ corsOrigins: [APP] });
  ada = t.browser();
  await ada.post("/magic", { email: "ada@example.com" });
  await ada.post("/signup", { token: t.lastLink().searchParams.get("token")!, name: "Ada" });
});
afterAll(() => t.close());

/** A fetch as a page on `origin` makes it with credentials: include. */
const fromPage = (origin: string, site: string) => ({ origin, "sec-fetch-site": site, "sec-fetch-mode": "cors", accept: "application/json" });

describe("CORS for other origins' pages", () => {
  it("S20: an allowed origin gets the token and the session with its own origin and credentials, and Vary: Origin", async () => {
    const token = await ada.post("/token", {}, fromPage(APP, "same-site"));
    expect(token.status).toBe(200);
    expect(token.headers.get("access-control-allow-origin")).toBe(APP);
    expect(token.headers.get("access-control-allow-credentials")).toBe("true");
    expect(token.headers.get("vary")).toContain("Origin");
    const session = await ada.get("/session", fromPage(APP, "same-site"));
    expect(session.status).toBe(200);
    expect(session.headers.get("access-control-allow-origin")).toBe(APP);
    expect(session.headers.get("access-control-allow-credentials")).toBe("true");
  });

  it("S20: any other origin gets no CORS headers, and its POST /token is refused as cross-site", async () => {
    const token = await ada.post("/token", {}, fromPage(EVIL, "cross-site"));
    expect(token.status).toBe(403);
    expect(token.headers.get("access-control-allow-origin")).toBeNull();
    const session = await ada.get("/session", fromPage(EVIL, "cross-site"));
    expect(session.headers.get("access-control-allow-origin")).toBeNull();
    expect(session.headers.get("access-control-allow-credentials")).toBeNull();
    expect(session.headers.get("vary")).toContain("Origin");
    // A look-alike is another origin.
    expect((await ada.get("/session", fromPage(`${APP}.evil.example`, "cross-site"))).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("S20: preflights say what the allowed origin may send, and nothing to others", async () => {
    const allowed = await t.sesame.fetch(
      new Request("http://localhost:8787/token", {
        method: "OPTIONS",
        headers: { origin: APP, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      }),
    );
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(APP);
    expect(allowed.headers.get("access-control-allow-methods")).toBe("POST");
    expect(allowed.headers.get("access-control-allow-headers")).toBe("Content-Type");
    expect(allowed.headers.get("access-control-allow-credentials")).toBe("true");
    const other = await t.sesame.fetch(
      new Request("http://localhost:8787/session", { method: "OPTIONS", headers: { origin: EVIL, "access-control-request-method": "GET" } }),
    );
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    expect(other.headers.get("access-control-allow-methods")).toBeNull();
  });

  it("S20: the allow-list opens nothing else: a login form posted from the allowed origin is still cross-site", async () => {
    const posted = await t.browser().post("/magic", { email: "bob@example.com" }, { origin: APP, "sec-fetch-site": "same-site" });
    expect(posted.status).toBe(403);
    expect(posted.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("S20: the key set is public: any page may read it", async () => {
    const jwks = await t.sesame.fetch(new Request("http://localhost:8787/.well-known/jwks.json", { headers: { origin: EVIL } }));
    expect(jwks.headers.get("access-control-allow-origin")).toBe("*");
    expect(jwks.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("refuses a wildcard or anything but an exact origin in corsOrigins at start-up", async () => {
    for (const bad of ["*", "https://*.example.com", "https://app.example.com/path", "app.example.com"]) {
      await expect(makeSesame({ corsOrigins: [bad] }), bad).rejects.toThrow(/^corsOrigins: .* is not an origin like https:\/\/app\.example\.com/);
    }
    // One check for every list of origins: redirectOrigins refuses a wildcard too.
    await expect(makeSesame({ redirectOrigins: ["https://*.example.com"] })).rejects.toThrow(/^redirectOrigins: .* is not an origin like/);
  });
});
