/**
 * Sesame on the real Deno binary: the store contract and the driver checks against
 * node:sqlite, run by Deno itself (bundled with esbuild, vitest's expect inside), each
 * case reported here.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundle, declaredCaseCount, DENO, DENO_RUN, runContract } from "./runtimes/run.js";

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
