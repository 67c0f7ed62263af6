import js from "@eslint/js";
import tseslint from "typescript-eslint";
import sesame from "./eslint-layers.js";

export default tseslint.config(
  { ignores: ["dist/", "dist-worker/", "node_modules/", "coverage/", "bench/results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: "readonly", process: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // Plain Node scripts (the benchmark, the test PostgreSQL launcher).
    files: ["**/*.mjs"],
    languageOptions: {
      globals: {
        Buffer: "readonly",
        crypto: "readonly",
        setTimeout: "readonly",
        URL: "readonly",
        fetch: "readonly",
        Request: "readonly",
        performance: "readonly",
        process: "readonly",
      },
    },
  },
  {
    // Which way imports go between the rooms of src/ (see eslint-layers.js).
    files: ["src/**/*.ts", "src/**/*.tsx"],
    plugins: { sesame },
    rules: { "sesame/layers": "error" },
  },
  {
    // The core runs on every runtime: Web APIs only.
    files: ["src/core/**/*.ts"],
    ignores: ["src/core/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["node:*"] }],
      "no-restricted-globals": ["error", "process", "Buffer", "require"],
    },
  },
);
