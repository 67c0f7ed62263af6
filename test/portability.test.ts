/**
 * Everything but the Node-only edges and the Deno and Bun entries must run on workerd,
 * Deno and Bun: no `node:` modules (or bare Node built-ins), no `process`, no `Buffer`,
 * and no import of a file that needs one of those.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..", "src");

/** The Node entries (the `sesame` command and its backups, the Node server, Vercel's Node handler), the Node-only store drivers and the Node-only mailers. */
const NODE_ONLY = new Set([
  "cli/cli.ts",
  "cli/backup.ts",
  "platforms/node.ts",
  "platforms/vercel-node.ts",
  "store/sqlite-file.ts",
  "store/sqlite-checkpointer.ts",
  "store/postgres-pool.ts",
  "mail/smtp.ts",
  "mail/file.ts",
]);

/**
 * The Deno and Bun entries and their SQLite drivers: they use what those runtimes
 * provide (node:sqlite, bun:sqlite, node:fs, Bun's process), and never run on workerd.
 */
const DENO_AND_BUN = new Set([
  "platforms/deno.ts",
  "platforms/bun.ts",
  "platforms/standalone.ts",
  "platforms/secret-file.ts", // and the Node CLI: node:fs, which all three have
  "platforms/dev-mailer.ts", // and the Node CLI
  "store/node-sqlite-file.ts",
  "store/bun-sqlite-file.ts",
  "store/open-sqlite-file.ts",
]);

const BUILTINS = ["fs", "path", "crypto", "os", "http", "https", "net", "child_process", "stream", "buffer", "url", "util", "events", "tls", "zlib"];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.(test|contract)\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function problems(file: string): string[] {
  return problemsIn(readFileSync(file, "utf8"), file);
}

function problemsIn(source: string, file: string): string[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
  const found: string[] = [];
  for (const match of text.matchAll(/(?:from|import\()\s*["']([^"']+)["']/g)) {
    const specifier = match[1]!;
    if (specifier.startsWith("node:") || BUILTINS.includes(specifier)) found.push(`imports ${specifier}`);
    if (specifier.startsWith(".")) {
      const target = relative(SRC, join(file, "..", specifier)).replace(/\.js$/, ".ts");
      if (NODE_ONLY.has(target)) found.push(`imports the Node-only ${target}`);
      if (DENO_AND_BUN.has(target)) found.push(`imports the Deno and Bun only ${target}`);
    }
  }
  if (/\bprocess\s*\./.test(text)) found.push("reads process");
  if (/\bBuffer\b/.test(text)) found.push("uses Buffer");
  return found;
}

describe("portability", () => {
  const portable = sources(SRC).filter((file) => !NODE_ONLY.has(relative(SRC, file)) && !DENO_AND_BUN.has(relative(SRC, file)));

  it("covers the core, the HTTP face, the SQL store and the portable mailers", () => {
    const names = portable.map((file) => relative(SRC, file));
    for (const expected of [
      "core/flows.ts",
      "core/token.ts",
      "http/app.ts",
      "store/sql-store.ts",
      "store/sqlite.ts",
      "store/postgres.ts",
      "store/node-sqlite.ts",
      "store/bun-sqlite.ts",
      "platforms/vercel.ts",
      "platforms/workers.ts",
      "platforms/env-options.ts",
      "mail/dev.ts",
      "index.ts",
    ]) {
      expect(names).toContain(expected);
    }
  });

  it("no portable file imports a Node module, reads process or uses Buffer", () => {
    const found = portable.flatMap((file) => problems(file).map((problem) => `${relative(SRC, file)}: ${problem}`));
    expect(found).toEqual([]);
  });

  it("the check itself catches each kind of problem, and not a word in a comment", () => {
    const text = [
      `import { x } from "node:fs";`,
      `import y from "crypto";`,
      `import { z } from "../store/sqlite-file.js";`,
      `const home = process.env.HOME;`,
      `const bytes = Buffer.from("");`,
      `// process.env in a comment is fine, as is "node:fs"`,
    ].join("\n");
    expect(problemsIn(text, join(SRC, "core", "probe.ts"))).toEqual([
      "imports node:fs",
      "imports crypto",
      "imports the Node-only store/sqlite-file.ts",
      "reads process",
      "uses Buffer",
    ]);
  });
});
