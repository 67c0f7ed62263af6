/**
 * npm run size: builds the Worker bundle and prints its size (raw and gzipped: what a cold
 * start loads, and every module the Worker may load later), the size
 * of sesame/verify as another service's bundle would carry it, then the time from
 * starting workerd (through miniflare) to the first 200 from GET /: on an empty D1 (the
 * first request migrates the schema) and again on the same D1, migrated.
 */
import { gzipSync } from "node:zlib";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { buildWorker, describeSizes, workerSizes } from "./build-worker.mjs";

const file = await buildWorker();
console.log(describeSizes(workerSizes()));

// sesame/verify with jose, bundled for a Worker or a browser, as a service that checks tokens would.
const verifier = await build({
  stdin: { contents: 'export { createVerifier } from "./src/verify/verifier.ts";', resolveDir: join(import.meta.dirname, ".."), loader: "ts" },
  bundle: true,
  write: false,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  logLevel: "warning",
});
const verifierCode = verifier.outputFiles[0].contents;
console.log(
  `verifier bundle (sesame/verify with jose): ${(verifierCode.length / 1024).toFixed(1)} KB, ${(gzipSync(verifierCode, { level: 9 }).length / 1024).toFixed(1)} KB gzipped`,
);

/**
 * One start of workerd on a D1 kept in `persist`: milliseconds from creating it to the first
 * 200 from GET /. The first start on an empty D1 also migrates the schema; later starts find it.
 */
async function timeStart(persist, script = { scriptPath: file }) {
  const started = performance.now();
  const mf = new Miniflare({
    modules: true,
    ...script,
    compatibilityDate: "2025-04-01",
    d1Databases: ["DB"],
    d1Persist: persist,
    bindings: {
      SESAME_BASE_URL: "http://localhost:8787",
      SESAME_SECRET: "a figure-taking secret, 32 characters+",
      SESAME_MAIL_FROM: "Sesame <no-reply@example.com>",
      RESEND_API_KEY: "unused",
    },
  });
  try {
    const response = await mf.dispatchFetch("http://localhost:8787/");
    if (response.status !== 200) throw new Error(`GET / answered ${response.status}`);
    await response.text();
    return performance.now() - started;
  } finally {
    await mf.dispose();
  }
}

// Each run: a start on an empty D1 (it migrates), then a start on the same D1, migrated.
const first = [];
const migrated = [];
const empty = [];
for (let run = 0; run < 5; run++) {
  const persist = mkdtempSync(join(tmpdir(), "sesame-d1-"));
  try {
    first.push(await timeStart(persist));
    migrated.push(await timeStart(persist));
    // The floor: workerd itself, starting a Worker that answers without any code of Sesame's.
    empty.push(await timeStart(persist, { script: 'export default { fetch: () => new Response("ok") }' }));
  } finally {
    rmSync(persist, { recursive: true, force: true });
  }
}
const describe = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `median ${sorted[(sorted.length - 1) >> 1].toFixed(0)} ms of ${times.map((t) => t.toFixed(0)).join(", ")} ms`;
};
console.log(`workerd start to first 200 (GET /), schema migrated on first use: ${describe(first)}`);
console.log(`workerd start to first 200 (GET /), schema already in place: ${describe(migrated)}`);
console.log(`workerd start to first 200 for an empty Worker (workerd's own floor on this machine): ${describe(empty)}`);
