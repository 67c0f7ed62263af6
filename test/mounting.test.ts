/**
 * Sesame under a path of a host's site (`https://example.com/auth`), as a host app mounts it.
 */
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import type { SesameVariables } from "../src/index.js";
import { Browser, hiddenValue, makeSesame } from "./support.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe("mounted under a path", () => {
  it("leads GET /auth to /auth/, keeping the query, and serves the form there", async () => {
    const t = await makeSesame({ baseUrl: "http://localhost:8787/auth" });
    cleanups.push(() => t.close());
    const bare = await t.sesame.fetch(new Request("http://localhost:8787/auth?next=%2Fauth%2Fx"));
    expect(bare.status).toBe(307);
    expect(bare.headers.get("location")).toBe("/auth/?next=%2Fauth%2Fx");
    const home = await t.sesame.fetch(new Request("http://localhost:8787/auth/", { headers: { accept: "text/html" } }));
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('action="/auth/magic"');
    // Nothing else changes: a path beside the mount point is still not Sesame's.
    expect((await t.sesame.fetch(new Request("http://localhost:8787/authx"))).status).toBe(404);
  });

  it("answers with a promise, always, so callers have one type to await", async () => {
    const t = await makeSesame();
    cleanups.push(() => t.close());
    const answer = t.sesame.fetch(new Request("http://localhost:8787/assets/sesame.css"));
    expect(answer).toBeInstanceOf(Promise);
    expect((await answer).status).toBe(200);
  });
});

describe("inside a host Hono app", () => {
  it("keeps the host's own headers and rules on the host's routes, and Sesame's on its own", async () => {
    const t = await makeSesame({ baseUrl: "http://localhost:8787/auth" });
    cleanups.push(() => t.close());
    const host = new Hono();
    host.get("/", (c) => c.html("<h1>Host</h1>", 200, { "cache-control": "public, max-age=60" }));
    // Mounted before the host's API routes: middleware of Sesame's that matched every path would wrap them.
    host.route("/", t.sesame.app);
    host.post("/api/items", (c) => c.json({ created: true }, 201));
    host.get("/api/items", (c) => c.json({ items: [] }, 200, { "cache-control": "private, max-age=5" }));

    const page = await host.request("http://localhost:8787/");
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("public, max-age=60");
    expect(page.headers.get("content-security-policy")).toBeNull();
    expect(page.headers.get("x-frame-options")).toBeNull();
    // A cross-site POST to the host is the host's business, not Sesame's 403.
    const api = await host.request("http://localhost:8787/api/items", { method: "POST", headers: { "sec-fetch-site": "cross-site" } });
    expect(api.status).toBe(201);
    const list = await host.request("http://localhost:8787/api/items");
    expect(list.headers.get("cache-control")).toBe("private, max-age=5");
    expect(list.headers.get("content-security-policy")).toBeNull();

    const own = await host.request("http://localhost:8787/auth/", { headers: { accept: "text/html" } });
    expect(own.status).toBe(200);
    expect(own.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(own.headers.get("cache-control")).toBe("no-store");
    const forged = await host.request("http://localhost:8787/auth/magic", {
      method: "POST",
      headers: { "sec-fetch-site": "cross-site", "content-type": "application/x-www-form-urlencoded" },
      body: "email=a%40example.com",
    });
    expect(forged.status).toBe(403);
  });

  it("S22: standing alone under a path, an answer outside it still carries the security headers", async () => {
    const t = await makeSesame({ baseUrl: "http://localhost:8787/auth" });
    cleanups.push(() => t.close());
    const outside = await t.sesame.fetch(new Request("http://localhost:8787/elsewhere"));
    expect(outside.status).toBe(404);
    expect(outside.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(outside.headers.get("x-content-type-options")).toBe("nosniff");
    expect(outside.headers.get("cache-control")).toBe("no-store");
  });
});

describe("guarding a host Hono app's own routes", () => {
  it("middleware() tells who is logged in; requireAccount() sends a browser to the login form and back, and an API 401", async () => {
    const t = await makeSesame({ baseUrl: "http://localhost:8787/auth" });
    cleanups.push(() => t.close());
    const host = new Hono<{ Variables: SesameVariables }>();
    host.route("/", t.sesame.app);
    host.get("/who", t.sesame.middleware(), (c) => c.json({ email: c.var.session?.account.email ?? null }));
    host.get("/private", t.sesame.requireAccount(), (c) => c.json({ email: c.var.session?.account.email }));

    expect(await (await host.request("http://localhost:8787/who")).json()).toEqual({ email: null });
    const page = await host.request("http://localhost:8787/private?tab=2", { headers: { accept: "text/html" } });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/auth/?next=%2Fprivate%3Ftab%3D2");
    const api = await host.request("http://localhost:8787/private", { headers: { accept: "application/json" } });
    expect(api.status).toBe(401);

    // Signed up through the mounted routes, the same browser passes.
    const browser = new Browser(async (request) => host.fetch(request));
    await browser.post("/auth/magic", { email: "hu@example.com" });
    const link = t.lastLink("hu@example.com");
    const form = await (await browser.get(link.pathname + link.search)).text();
    expect((await browser.post("/auth/signup", { token: hiddenValue(form, "token"), name: "Hu" })).status).toBe(303);
    expect(await (await browser.get("/private", { accept: "application/json" })).json()).toEqual({ email: "hu@example.com" });
    expect(await (await browser.get("/who", { accept: "application/json" })).json()).toEqual({ email: "hu@example.com" });
  });
});
