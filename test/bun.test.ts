/**
 * Sesame on the real Bun binary: the store contract and the driver checks against
 * bun:sqlite, run by Bun itself (bundled with esbuild, vitest's expect inside), each
 * case reported here.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUN, bundle, declaredCaseCount, runContract } from "./runtimes/run.js";

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
