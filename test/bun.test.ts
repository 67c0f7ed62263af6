/**
 * Sesame on the real Bun binary: the store contract and the driver checks against
 * bun:sqlite, run by Bun itself (bundled with esbuild, vitest's expect inside), each
 * case reported here; and the built Bun entry serving a sign-up and a login over HTTP
 * on a SQLite file.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assertBuilt } from "./process.js";
import { signUpAndLogIn } from "./runtimes/flow.js";
import { BUN, bundle, declaredCaseCount, runContract, runProcess } from "./runtimes/run.js";
import { checkDrain, serveOn } from "./runtimes/served.js";

const ENTRY = join(import.meta.dirname, "..", "dist", "platforms", "bun.js");
const dir = mkdtempSync(join(tmpdir(), "sesame-bun-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Run before collecting, so that each case the runtime reports becomes a test here.
const results = await runContract(BUN, [await bundle("contract-bun.ts", dir)]);

describe("the store contract and driver checks, run by Bun on bun:sqlite", () => {
  it("ran every case the contract and the driver checks declare", () => {
    expect(results.length).toBeGreaterThan(0);
    expect(results).toHaveLength(declaredCaseCount());
  });

  for (const result of results) {
    it(result.name, () => {
      if (!result.ok) throw new Error(`failed on Bun: ${result.error}`);
    });
  }
});

describe("the Bun entry (Bun.serve, bun:sqlite, file mailer)", () => {
  it("signs up and logs in over HTTP, and stops on SIGTERM", async () => {
    assertBuilt();
    const served = await serveOn(BUN, [ENTRY]);
    try {
      await signUpAndLogIn(served);
    } finally {
      expect(await served.stop()).toBe(0);
    }
    expect(served.output()).toContain("sesame: stopping");
  });

  it("drains for SESAME_DRAIN_SECONDS on SIGTERM: /readyz says so while requests are still answered, then it exits 0", async () => {
    assertBuilt();
    await checkDrain(await serveOn(BUN, [ENTRY], { SESAME_DRAIN_SECONDS: "2" }));
  });

  it("refuses SMTP, which needs Node, with one clear line", async () => {
    const run = await runProcess(BUN, [ENTRY], { SESAME_MAILER: "smtp://localhost:25" }, 30_000);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^sesame: SMTP is offered on Node only; on Bun set SESAME_MAILER=dev or file:PATH/);
  });

  it("S32: refuses a key file readable by group or others with one line", async () => {
    mkdirSync(join(dir, "open-key"));
    const db = join(dir, "open-key", "sesame.db");
    writeFileSync(`${db}.key`, `${"k".repeat(43)}\n`);
    chmodSync(`${db}.key`, 0o644);
    const run = await runProcess(BUN, [ENTRY], { SESAME_DB: db, SESAME_MAILER: `file:${join(dir, "open-key", "mail.jsonl")}` }, 30_000);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `sesame: the key file ${db}.key is readable by group or others (mode 644): chmod 600 it, or delete it if someone else may have read it`,
    );
  });
});
