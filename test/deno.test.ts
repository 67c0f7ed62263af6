/**
 * Sesame on the real Deno binary: the store contract and the driver checks against
 * node:sqlite, run by Deno itself (bundled with esbuild, vitest's expect inside), each
 * case reported here; and
 * the built Deno entry serving a sign-up and a login over HTTP on a SQLite file.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assertBuilt } from "./process.js";
import { signUpAndLogIn } from "./runtimes/flow.js";
import { bundle, declaredCaseCount, DENO, DENO_RUN, runContract, runProcess } from "./runtimes/run.js";
import { checkDrain, serveOn } from "./runtimes/served.js";

const ENTRY = join(import.meta.dirname, "..", "dist", "platforms", "deno.js");
const dir = mkdtempSync(join(tmpdir(), "sesame-deno-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Run before collecting, so that each case the runtime reports becomes a test here.
const results = await runContract(DENO, [...DENO_RUN, await bundle("contract-deno.ts", dir)]);

describe("the store contract and driver checks, run by Deno on node:sqlite", () => {
  it("ran every case the contract and the driver checks declare", () => {
    expect(results.length).toBeGreaterThan(0);
    expect(results).toHaveLength(declaredCaseCount());
  });

  for (const result of results) {
    it(result.name, () => {
      if (!result.ok) throw new Error(`failed on Deno: ${result.error}`);
    });
  }
});

describe("the Deno entry (Deno.serve, node:sqlite, file mailer)", () => {
  it("signs up and logs in over HTTP, and stops on SIGTERM", async () => {
    assertBuilt();
    const served = await serveOn(DENO, [...DENO_RUN, ENTRY]);
    try {
      await signUpAndLogIn(served);
    } finally {
      expect(await served.stop()).toBe(0);
    }
    expect(served.output()).toContain("sesame: stopping");
  });

  it("drains for SESAME_DRAIN_SECONDS on SIGTERM: /readyz says so while requests are still answered, then it exits 0", async () => {
    assertBuilt();
    await checkDrain(await serveOn(DENO, [...DENO_RUN, ENTRY], { SESAME_DRAIN_SECONDS: "2" }));
  });

  it("refuses a PostgreSQL URL with one clear line", async () => {
    const run = await runProcess(DENO, [...DENO_RUN, ENTRY], { DATABASE_URL: "postgres://localhost/sesame" }, 30_000);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe("sesame: on Deno, Sesame keeps its data in a SQLite file (SESAME_DB); DATABASE_URL is for sesame serve on Node");
  });

  /** A key file beside a database in a folder of its own, readable by everyone. */
  function openKeyFile(name: string): { db: string; key: string } {
    mkdirSync(join(dir, name));
    const db = join(dir, name, "sesame.db");
    writeFileSync(`${db}.key`, `${"k".repeat(43)}\n`);
    chmodSync(`${db}.key`, 0o644);
    return { db, key: `${db}.key` };
  }

  it("S32: refuses a key file readable by group or others with one line", async () => {
    const { db, key } = openKeyFile("open-key");
    const run = await runProcess(DENO, [...DENO_RUN, ENTRY], { SESAME_DB: db, SESAME_MAILER: `file:${join(dir, "open-key", "mail.jsonl")}` }, 30_000);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `sesame: the key file ${key} is readable by group or others (mode 644): chmod 600 it, or delete it if someone else may have read it`,
    );
  });

  it("S32: run without --allow-sys=uid, says in a warning that the files' owners go unchecked", async () => {
    const { db } = openKeyFile("no-uid");
    // The development mailer on a public HOST, refused once the key file is read: the open key file passes unchecked.
    const args = [...DENO_RUN.filter((flag) => flag !== "--allow-sys=uid"), ENTRY];
    const run = await runProcess(DENO, args, { SESAME_DB: db, SESAME_MAILER: "dev", HOST: "0.0.0.0" }, 30_000);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([
      "sesame: warning: the owners of the database and key files are not checked: Deno cannot tell which user this is (run Deno with --allow-sys=uid)",
      expect.stringMatching(/^sesame: the development mailer shows login links to anyone who can reach it: use it only with a loopback HOST/),
    ]);
  });
});
