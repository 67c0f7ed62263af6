import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
    // Installed from a packed tarball by their own run (vitest.examples.config.ts), after this one.
    exclude: ["test/examples/**", "**/node_modules/**"],
    // A real PostgreSQL for the run (or the one SESAME_TEST_DATABASE_URL names).
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results.json" },
  },
});
