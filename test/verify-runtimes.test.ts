/**
 * sesame/verify on every runtime another service may run on: Deno, Bun and workerd check
 * a token Sesame issued against the key set it serves, and refuse a changed one. (Node:
 * test/tokens.test.ts.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toNodeHandler } from "../src/platforms/node.js";
import { BUN, bundle, DENO, runProcess } from "./runtimes/run.js";
import { makeSesame } from "./support.js";

const ISSUER = "http://localhost:8787";
const dir = mkdtempSync(join(tmpdir(), "sesame-verify-"));
let t: Awaited<ReturnType<typeof makeSesame>>;
let server: Server;
let env: Record<string, string>;

beforeAll(async () => {
  t = await makeSesame({ now: () => Date.now() });
  server = createServer(toNodeHandler(t.sesame));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const browser = t.browser();
  await browser.post("/magic", { email: "ada@example.com" });
  await browser.post("/signup", { token: t.lastLink().searchParams.get("token")!, name: "Ada" });
  const { access_token: token } = (await (await browser.post("/token", {}, { accept: "application/json" })).json()) as { access_token: string };
  const [head, body] = token.split(".");
  env = {
    ISSUER,
    JWKS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
    TOKEN: token,
    BAD_TOKEN: `${head}.${body}.${"A".repeat(86)}`,
  };
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  t?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function verifiedOn(command: string, args: (file: string) => string[]) {
  const file = await bundle("verify-token.ts", dir);
  const run = await runProcess(command, args(file), env, 60_000);
  const line = run.stdout.split("\n").find((l) => l.startsWith("VERIFIED "));
  if (!line) throw new Error(`no answer (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line.slice("VERIFIED ".length)) as unknown;
}

const expected = { good: { ok: true, email: "ada@example.com" }, bad: { ok: false, code: "bad_signature" } };

describe("sesame/verify on every runtime", () => {
  it("S20: on Deno", async () => {
    expect(await verifiedOn(DENO, (file) => ["run", "--allow-net", "--allow-env", file])).toEqual(expected);
  });

  it("S20: on Bun", async () => {
    expect(await verifiedOn(BUN, (file) => ["run", file])).toEqual(expected);
  });

  it("S20: on workerd, as a Worker in front of an API", async () => {
    // modulesRoot: the bundle lives outside the working directory, which workerd would not leave.
    const mf = new Miniflare({
      modules: true,
      modulesRoot: dir,
      scriptPath: await bundle("verify-worker.ts", dir),
      compatibilityDate: "2025-04-01",
      bindings: { ISSUER, JWKS_URL: env.JWKS_URL! },
    });
    try {
      const good = await mf.dispatchFetch("http://api.example/", { headers: { authorization: `Bearer ${env.TOKEN}` } });
      expect([good.status, await good.json()]).toEqual([200, { email: "ada@example.com" }]);
      const bad = await mf.dispatchFetch("http://api.example/", { headers: { authorization: `Bearer ${env.BAD_TOKEN}` } });
      expect([bad.status, await bad.json()]).toEqual([401, { error: "bad_signature" }]);
    } finally {
      await mf.dispose();
    }
  });
});
