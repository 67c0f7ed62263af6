/**
 * Bundles the Workers entry (src/platforms/workers.ts) into dist-worker/: the entry module
 * worker.mjs, minified, and a chunk per part loaded on first use (each language's words, the
 * OpenAPI document, ...), for `wrangler deploy` (with `find_additional_modules`) or miniflare,
 * which follows the entry's imports. Text stays UTF-8 rather than escaped: a Japanese or
 * Arabic sentence is a third of the bytes.
 * `node scripts/build-worker.mjs --size` also prints the sizes, raw and gzipped.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const OUT = join(import.meta.dirname, "..", "dist-worker");
export const WORKER_BUNDLE = join(OUT, "worker.mjs");
/** The most a cold start may load, gzipped (test/workers.test.ts holds the build to it). */
export const WORKER_START_BUDGET = 51 * 1024;

export async function buildWorker() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const { metafile } = await build({
    entryPoints: { worker: join(import.meta.dirname, "..", "src", "platforms", "workers.ts") },
    outdir: OUT,
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    target: "es2022",
    minify: true,
    charset: "utf8",
    jsx: "automatic",
    jsxImportSource: "hono/jsx",
    logLevel: "warning",
    metafile: true,
  });
  // Which module imports which, and how: the sizes below follow the static imports only. And
  // which source files each module holds, to tell what a cold start parses.
  const graph = {};
  const sources = {};
  for (const [file, output] of Object.entries(metafile.outputs)) {
    graph[resolve(file)] = output.imports.filter((i) => i.kind === "import-statement").map((i) => resolve(i.path));
    sources[resolve(file)] = Object.keys(output.inputs);
  }
  writeFileSync(join(OUT, "graph.json"), JSON.stringify(graph));
  writeFileSync(join(OUT, "sources.json"), JSON.stringify(sources));
  return WORKER_BUNDLE;
}

/** Every module of the built Worker, as miniflare's `modules` option lists them (the entry first). */
export function workerModules() {
  const files = [WORKER_BUNDLE, ...readdirSync(join(OUT, "chunks")).map((name) => join(OUT, "chunks", name))];
  return files.map((path) => ({ type: "ESModule", path: relative(OUT, path), contents: readFileSync(path, "utf8") }));
}

/**
 * What every cold start loads (the entry and the chunks it imports statically, each gzipped
 * on its own as it is stored) and all modules together, raw and gzipped.
 */
export function workerSizes() {
  const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
  const files = [WORKER_BUNDLE, ...readdirSync(join(OUT, "chunks")).map((name) => join(OUT, "chunks", name))];
  const graph = JSON.parse(readFileSync(join(OUT, "graph.json"), "utf8"));
  const startup = new Set();
  const visit = (file) => {
    if (startup.has(file)) return;
    startup.add(file);
    for (const imported of graph[file] ?? []) visit(imported);
  };
  visit(resolve(WORKER_BUNDLE));
  const sources = JSON.parse(readFileSync(join(OUT, "sources.json"), "utf8"));
  return {
    entry: {
      sources: [...startup].flatMap((file) => sources[file] ?? []).sort(),
      raw: [...startup].reduce((sum, f) => sum + statSync(f).size, 0),
      gzipped: [...startup].reduce((sum, f) => sum + gz(f), 0),
      modules: startup.size,
    },
    all: { raw: files.reduce((sum, f) => sum + statSync(f).size, 0), gzipped: files.reduce((sum, f) => sum + gz(f), 0), modules: files.length },
  };
}

export function describeSizes({ entry, all }) {
  const kb = (n) => (n / 1024).toFixed(1);
  return (
    `worker at start (entry and its ${entry.modules - 1} static chunks): ${kb(entry.raw)} KB, ${kb(entry.gzipped)} KB gzipped (budget ${kb(WORKER_START_BUDGET)} KB gzipped); ` +
    `all ${all.modules} modules: ${kb(all.raw)} KB, ${kb(all.gzipped)} KB gzipped`
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildWorker();
  if (process.argv.includes("--size")) console.log(describeSizes(workerSizes()));
}
