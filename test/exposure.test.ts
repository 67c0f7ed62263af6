/**
 * What a deployed Sesame exposes, with real parts: `sesame serve` processes on SQLite
 * files (the built CLI: npm test builds first), and createSesame on a SQLite file.
 * The development mailbox stays on this machine (S28), https deployments pin https
 * (S22, HSTS), a trusted proxy's address is parsed (S11), and the database files are
 * private to their owner (S32).
 */
import { spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { client, processSandbox } from "./process.js";
import { BASE_URL, makeSesame } from "./support.js";

const box = processSandbox("exposure");

const serve = box.serve;

/**
 * `sesame serve` that should refuse to start: its exit code and output. One that starts
 * listening instead is stopped (code null), so that a failing test leaves no server behind.
 */
/** A GET with headers fetch will not send as given (Host), on a plain socket. */
function rawGet(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

function refusedServe(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const bin = join(import.meta.dirname, "..", "bin", "sesame.js");
  const child = spawn(process.execPath, [bin, "serve"], { env: { PATH: process.env.PATH ?? "", PORT: "0", ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes("listening on")) child.kill("SIGTERM");
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  return new Promise((resolve) =>
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code: stdout.includes("listening on") ? null : code, stdout, stderr });
    }),
  );
}

describe("S28: the development mailbox is for this machine only", () => {
  it.each([
    ["an https base URL", "https://auth.example.com"],
    ["an http base URL on another host", "http://auth.example.com"],
    ["a base URL on a public address", "http://203.0.113.9:8787"],
    ["a look-alike of localhost", "http://localhost.example.com:8787"],
  ])("S28: `sesame serve` with the dev mailer and %s exits 1 with one line naming SESAME_BASE_URL", async (_name, baseUrl) => {
    const result = await refusedServe({ SESAME_DB: join(box.dir, "refused", "sesame.db"), SESAME_BASE_URL: baseUrl });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^sesame: the development mailer .*SESAME_BASE_URL/);
    expect(result.stderr).toContain(baseUrl);
    expect(result.stdout).not.toContain("listening");
  });

  it("S28: a loopback base URL (127.0.0.1, localhost) still serves the mailbox", async () => {
    const numeric = await serve({ SESAME_DB: join(box.dir, "loopback", "a.db"), SESAME_BASE_URL: "http://127.0.0.1:1" });
    const named = await serve({ SESAME_DB: join(box.dir, "loopback", "b.db"), SESAME_BASE_URL: "http://localhost:1" });
    for (const server of [numeric, named]) expect((await fetch(`${server.url}/_dev/mail`)).status).toBe(200);
  });

  it("S28: /_dev/mail answers the ordinary 404 to a request a proxy forwarded", async () => {
    const server = await serve({ SESAME_DB: join(box.dir, "proxied", "sesame.db") });
    await client(server.url)("/magic", { email: "dee@example.com" });
    const direct = await fetch(`${server.url}/_dev/mail`, { headers: { accept: "application/json" } });
    expect(direct.status).toBe(200);
    expect(JSON.stringify(await direct.json())).toContain("dee@example.com");

    const forwarded: Record<string, string>[] = [
      { forwarded: "for=203.0.113.9;proto=https;host=auth.example.com" },
      { "x-forwarded-for": "203.0.113.9" },
      { "x-forwarded-for": "127.0.0.1" },
      { "x-forwarded-host": "auth.example.com" },
      { "X-Forwarded-For": "" },
    ];
    for (const accept of ["application/json", "text/html"]) {
      const nowhere = await fetch(`${server.url}/nowhere`, { headers: { accept } });
      const expected = await nowhere.text();
      for (const headers of forwarded) {
        const response = await fetch(`${server.url}/_dev/mail`, { headers: { accept, ...headers } });
        expect(response.status, JSON.stringify(headers)).toBe(404);
        const body = await response.text();
        expect(body).toBe(expected);
        expect(body).not.toContain("dee@example.com");
        expect(body).not.toContain("token=");
      }
      // DNS rebinding: a page on another site whose name now points here sends that name as Host.
      const port = new URL(server.url).port;
      for (const host of [`rebind.attacker.example:${port}`, `localhost.attacker.example:${port}`, `127.0.0.1.nip.io:${port}`]) {
        const response = await rawGet(Number(port), "/_dev/mail", { host, accept });
        expect(response.status, host).toBe(404);
        expect(response.body).not.toContain("dee@example.com");
      }
    }
  });
});

describe("S22: Strict-Transport-Security on an https deployment", () => {
  /** One of each kind of answer: page, redirect, JSON (prebuilt and not), asset, 404, 403, HEAD. */
  async function answers(t: Awaited<ReturnType<typeof makeSesame>>): Promise<Response[]> {
    const browser = t.browser();
    const json = { accept: "application/json" };
    return [
      await browser.get("/"),
      await browser.post("/magic", { email: "ada@example.com" }),
      await browser.get("/sent"),
      await browser.get("/session", json),
      await browser.post("/magic", { email: "bob@example.com" }, json),
      await browser.get("/assets/sesame.css"),
      await browser.get("/nowhere"),
      await browser.get("/login?token=nonsense"),
      await browser.post("/magic", { email: "eve@example.com" }, { "sec-fetch-site": "cross-site" }),
      await t.sesame.fetch(new Request(`${BASE_URL}/`, { method: "HEAD" })),
    ];
  }

  it("S22: every answer of an https Sesame carries max-age=31536000", async () => {
    const t = await makeSesame({ baseUrl: "https://auth.example.com" });
    try {
      const all = await answers(t);
      expect(new Set(all.map((response) => response.status))).toEqual(new Set([200, 202, 303, 400, 401, 403, 404]));
      for (const response of all) expect(response.headers.get("strict-transport-security"), response.url).toBe("max-age=31536000");
    } finally {
      t.close();
    }
  });

  it("S22: an http Sesame never sends it", async () => {
    const t = await makeSesame();
    try {
      for (const response of await answers(t)) expect(response.headers.get("strict-transport-security")).toBeNull();
    } finally {
      t.close();
    }
  });
});

describe("S11: a trusted proxy's address, parsed", () => {
  it("S11: one client behind the proxy is one client, whatever port or spelling the proxy writes", async () => {
    const server = await serve({
      SESAME_DB: join(box.dir, "proxy", "sesame.db"),
      SESAME_MAILER: `file:${join(box.dir, "proxy", "mail.jsonl")}`,
      SESAME_TRUST_PROXY: "x-forwarded-for",
      SESAME_RATE_LIMIT_CLIENT: "2/3600",
    });
    const ask = (email: string, forwardedFor: string) =>
      fetch(`${server.url}/magic`, {
        method: "POST",
        headers: { accept: "application/json", "x-forwarded-for": forwardedFor },
        body: new URLSearchParams({ email }),
      });
    expect((await ask("a@example.com", "198.51.100.7:50001")).status).toBe(202);
    expect((await ask("b@example.com", "::ffff:198.51.100.7")).status).toBe(202);
    expect((await ask("c@example.com", "[::ffff:198.51.100.7]:443")).status).toBe(429);
    expect((await ask("d@example.com", "198.051.100.007")).status).toBe(429);
    // Another client still has its own budget.
    expect((await ask("e@example.com", "198.51.100.8:50001")).status).toBe(202);
  });

  it("S11: a value that is no address counts against the connection, not a fresh budget per spelling", async () => {
    const server = await serve({
      SESAME_DB: join(box.dir, "junk", "sesame.db"),
      SESAME_MAILER: `file:${join(box.dir, "junk", "mail.jsonl")}`,
      SESAME_TRUST_PROXY: "x-forwarded-for",
      SESAME_RATE_LIMIT_CLIENT: "2/3600",
    });
    const ask = (email: string, forwardedFor: string) =>
      fetch(`${server.url}/magic`, {
        method: "POST",
        headers: { accept: "application/json", "x-forwarded-for": forwardedFor },
        body: new URLSearchParams({ email }),
      });
    expect((await ask("a@example.com", "unknown")).status).toBe(202);
    expect((await ask("b@example.com", "evil")).status).toBe(202);
    expect((await ask("c@example.com", "1.2.3")).status).toBe(429);
    expect((await ask("d@example.com", "0x7f.0.0.1")).status).toBe(429);
    expect(server.output()).not.toMatch(/"client":"(unknown|evil|1\.2\.3|0x7f\.0\.0\.1)"/);
  });
});

describe("S32: `sesame serve` keeps its files private", () => {
  it("S32: the database, its -wal and -shm, and the key file are 0600 under umask 022", async () => {
    const previous = process.umask(0o022); // the child inherits it
    try {
      const db = join(box.dir, "modes", "sesame.db");
      const server = await serve({ SESAME_DB: db, SESAME_MAILER: `file:${join(box.dir, "modes", "mail.jsonl")}` });
      for (const email of ["a@example.com", "b@example.com", "c@example.com"]) await client(server.url)("/magic", { email });
      const modes = Object.fromEntries(["", "-wal", "-shm", ".key"].map((suffix) => [`sesame.db${suffix}`, statSync(`${db}${suffix}`).mode & 0o777]));
      expect(modes).toEqual({ "sesame.db": 0o600, "sesame.db-wal": 0o600, "sesame.db-shm": 0o600, "sesame.db.key": 0o600 });
    } finally {
      process.umask(previous);
    }
  });
});
