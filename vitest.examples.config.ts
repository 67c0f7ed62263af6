import { defineConfig } from "vitest/config";

/**
 * The example apps, installed from a packed tarball of this package (test/examples/setup.ts).
 * Every file at once: each spends most of its time waiting (a minute for the login link
 * the per-address limit holds back), little of it working.
 */
export default defineConfig({
  test: {
    include: ["test/examples/*.test.ts"],
    globalSetup: ["test/examples/setup.ts"],
    maxWorkers: 5,
    testTimeout: 150_000,
    hookTimeout: 180_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results-examples.json" },
  },
});
