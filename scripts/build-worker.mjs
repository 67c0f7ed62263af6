/**
 * Bundles the Workers entry (src/platforms/workers.ts) into dist-worker/worker.js with
 * esbuild: one ES module, minified, for `wrangler deploy` or miniflare.
 * `node scripts/build-worker.mjs --size` also prints its size, raw and gzipped.
 */
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export const WORKER_BUNDLE = join(import.meta.dirname, "..", "dist-worker", "worker.js");

export async function buildWorker() {
  mkdirSync(join(import.meta.dirname, "..", "dist-worker"), { recursive: true });
  await build({
    entryPoints: [join(import.meta.dirname, "..", "src", "platforms", "workers.ts")],
    outfile: WORKER_BUNDLE,
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    target: "es2022",
    minify: true,
    jsx: "automatic",
    jsxImportSource: "hono/jsx",
    logLevel: "warning",
  });
  return WORKER_BUNDLE;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = await buildWorker();
  if (process.argv.includes("--size")) {
    const raw = statSync(file).size;
    const gzipped = gzipSync(readFileSync(file), { level: 9 }).length;
    console.log(`worker bundle: ${(raw / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped (budget 60 KB gzipped)`);
  }
}
