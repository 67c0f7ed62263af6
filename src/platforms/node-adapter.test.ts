/**
 * The Node adapter with real parts: a node:http server and an Express 5 app, each on a
 * real port, talked to over HTTP, with Sesame on a SQLite file.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { hiddenValue, makeSesame } from "../../test/support.js";
import type { SesameOptions } from "../index.js";
import { BODY_ALREADY_READ, getSession, requireAccount, toNodeHandler } from "./node.js";

type Setup = Awaited<ReturnType<typeof makeSesame>>;
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server on a free port first, so Sesame's baseUrl can name that port. */
async function listening(): Promise<{ server: Server; origin: string }> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  cleanups.push(
    () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  );
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function sesameAt(baseUrl: string, overrides: Partial<SesameOptions> = {}): Promise<Setup> {
  const t = await makeSesame({ baseUrl, ...overrides });
  cleanups.push(() => t.close());
  return t;
}

/** Sesame mounted at /auth in Express 5, beside routes of the host app. */
async function expressApp(overrides: Partial<SesameOptions> = {}, options: { bodyParserFirst?: boolean; atRoot?: boolean } = {}) {
  const { server, origin } = await listening();
  const t = await sesameAt(`${origin}/auth`, overrides);
  const app = express();
  if (options.bodyParserFirst) app.use(express.urlencoded({ extended: false }));
  // At the root, Sesame sees every request and must hand the host app's to next().
  if (options.atRoot) app.use(toNodeHandler(t.sesame));
  else app.use("/auth", toNodeHandler(t.sesame));
  app.get("/hello", (_req, res) => {
    res.send("hello from the host app");
  });
  app.get("/private", requireAccount(t.sesame), (_req, res) => {
    res.json({ email: (res.locals.session as { account: { email: string } }).account.email });
  });
  app.get("/me", async (req, res) => {
    const session = await getSession(t.sesame, req);
    res.json(session ? { email: session.account.email, name: session.account.name } : null);
  });
  server.on("request", app);
  return { t, origin, client: new Client(origin) };
}

/** Keeps every cookie it is sent, and sends same-origin form posts. */
class Client {
  readonly cookies = new Map<string, string>();
  constructor(private readonly origin: string) {}

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(path, { headers: { accept: "text/html", ...headers } });
  }

  post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    const body = new URLSearchParams(fields).toString();
    return this.send(path, {
      method: "POST",
      body,
      headers: { accept: "text/html", origin: this.origin, "content-type": "application/x-www-form-urlencoded", ...headers },
    });
  }

  private async send(path: string, init: RequestInit & { headers: Record<string, string> }): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(new URL(path, this.origin), { ...init, redirect: "manual", headers: { ...init.headers, ...(cookie ? { cookie } : {}) } });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
}

/** The status line's code for a GET with a request target fetch() would not send. */
async function rawStatus(origin: string, target: string): Promise<number> {
  const { hostname, port } = new URL(origin);
  const socket = connect(Number(port), hostname);
  socket.end(`GET ${target} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`);
  let text = "";
  for await (const chunk of socket) text += String(chunk);
  return Number(text.split(" ")[1]);
}

/** The path and query of the newest mailed link. */
function linkPath(t: Setup, to: string): string {
  const link = t.lastLink(to);
  return link.pathname + link.search;
}

describe("toNodeHandler on a plain node:http server", () => {
  it("answers Sesame's pages, and 404 outside its base path", async () => {
    const { server, origin } = await listening();
    const t = await sesameAt(`${origin}/auth`);
    server.on("request", toNodeHandler(t.sesame));

    expect((await fetch(`${origin}/auth/healthz`)).status).toBe(200);
    const page = await fetch(`${origin}/auth/`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('action="/auth/magic"');
    const outside = await fetch(`${origin}/elsewhere`);
    expect(outside.status).toBe(404);
    // Absolute-form request targets, one well-formed and one not: answered, never a crash.
    expect(await rawStatus(origin, `${origin}/auth/healthz`)).toBe(200);
    expect(await rawStatus(origin, "http://[bad/auth/")).toBe(404);
  });

  it("signs up over HTTP with a request body streamed through", async () => {
    const { server, origin } = await listening();
    const t = await sesameAt(`${origin}/auth`);
    server.on("request", toNodeHandler(t.sesame));
    const client = new Client(origin);

    expect((await client.post("/auth/magic", { email: "ada@example.com" })).status).toBe(303);
    const form = await (await client.get(linkPath(t, "ada@example.com"))).text();
    const done = await client.post("/auth/signup", { token: hiddenValue(form, "token"), name: "Ada" });
    expect(done.status).toBe(303);
    expect(client.cookies.size).toBeGreaterThan(0);
  });
});

describe("toNodeHandler mounted in Express 5 at /auth", () => {
  it("signs up and logs in over real HTTP, and getSession finds the account", async () => {
    const { t, origin, client } = await expressApp();

    // Sign up: ask for a link, open the mailed link, send the details form.
    expect((await client.post("/auth/magic", { email: "ada@example.com" })).status).toBe(303);
    const signupPage = await client.get(linkPath(t, "ada@example.com"));
    expect(signupPage.status).toBe(200);
    const signedUp = await client.post("/auth/signup", { token: hiddenValue(await signupPage.text(), "token"), name: "Ada Lovelace" });
    expect(signedUp.status).toBe(303);
    expect(await (await client.get("/me")).json()).toEqual({ email: "ada@example.com", name: "Ada Lovelace" });

    // Log in again from a fresh client: ask, open the link, confirm.
    const second = new Client(origin);
    expect((await second.post("/auth/magic", { email: "ada@example.com" })).status).toBe(303);
    const opened = await second.get(linkPath(t, "ada@example.com"));
    const loggedIn = opened.status === 303 ? opened : await second.post("/auth/login", { token: hiddenValue(await opened.text(), "token") });
    expect(loggedIn.status).toBe(303);
    expect(await (await second.get("/me")).json()).toEqual({ email: "ada@example.com", name: "Ada Lovelace" });

    // Without the cookie, no account.
    expect(await (await fetch(`${origin}/me`)).json()).toBeNull();
  });

  it("requireAccount lets only a logged-in request through: a browser goes to the login form and back, an API gets 401", async () => {
    const { t, origin, client } = await expressApp();
    const page = await fetch(`${origin}/private?tab=2`, { headers: { accept: "text/html" }, redirect: "manual" });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/auth/?next=%2Fprivate%3Ftab%3D2");
    const api = await fetch(`${origin}/private`, { headers: { accept: "application/json" } });
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: { code: "unauthenticated", message: "Not logged in." } });

    await client.post("/auth/magic", { email: "cy@example.com" });
    const form = await (await client.get(linkPath(t, "cy@example.com"))).text();
    await client.post("/auth/signup", { token: hiddenValue(form, "token"), name: "Cy" });
    const mine = await client.get("/private", { accept: "application/json" });
    expect(mine.status).toBe(200);
    expect(await mine.json()).toEqual({ email: "cy@example.com" });
  });

  it("delivers every Set-Cookie of a response that sets several", async () => {
    const { t, client } = await expressApp();
    await client.post("/auth/magic", { email: "bo@example.com" });
    const form = await (await client.get(linkPath(t, "bo@example.com"))).text();
    const done = await client.post("/auth/signup", { token: hiddenValue(form, "token"), name: "Bo" });

    const lines = done.headers.getSetCookie();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(new Set(lines.map((line) => line.split("=")[0])).size).toBe(lines.length);
  });

  it("gives the per-client limit the socket's address: the third request from 127.0.0.1 is refused", async () => {
    const { client } = await expressApp({ rateLimits: { perClient: [{ limit: 2, periodSeconds: 3600 }], perAddress: [] } });
    expect((await client.post("/auth/magic", { email: "one@example.com" })).status).toBe(303);
    expect((await client.post("/auth/magic", { email: "two@example.com" })).status).toBe(303);
    const third = await client.post("/auth/magic", { email: "three@example.com" });
    expect(third.status).toBe(429);
  });

  it("answers 400 with how to fix it, not 500, when a body parser read the body first", async () => {
    const { t, client } = await expressApp({}, { bodyParserFirst: true });
    const form = await client.post("/auth/magic", { email: "cy@example.com" });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain("Mount Sesame before any body parser");

    const json = await client.post("/auth/magic", { email: "cy@example.com" }, { accept: "application/json" });
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({ error: { code: "body_already_read", message: BODY_ALREADY_READ } });
    expect(t.mailbox.list()).toHaveLength(0);

    // Pages without a body still work behind the parser.
    expect((await client.get("/auth/")).status).toBe(200);
  });

  it("passes requests outside /auth on to the host app's routes", async () => {
    const { origin } = await expressApp();
    const hello = await fetch(`${origin}/hello`);
    expect(hello.status).toBe(200);
    expect(await hello.text()).toBe("hello from the host app");
    // Express's own 404 for a path neither answers.
    expect((await fetch(`${origin}/nowhere`)).status).toBe(404);
  });

  it("mounted without a path, calls next() for paths outside its base path, and still answers its own", async () => {
    const { origin, client } = await expressApp({}, { atRoot: true });
    const hello = await fetch(`${origin}/hello`);
    expect(hello.status).toBe(200);
    expect(await hello.text()).toBe("hello from the host app");
    expect(await (await fetch(`${origin}/me`)).json()).toBeNull();
    // A cross-site POST outside /auth is the host app's business, not refused by Sesame's cross-site check.
    expect((await fetch(`${origin}/hello`, { method: "POST", headers: { origin: "https://evil.example" } })).status).toBe(404);
    expect((await client.get("/auth/")).status).toBe(200);
    expect((await client.get("/auth")).status).toBe(307);
  });
});
