/**
 * npm run size: builds the Worker bundle and prints its size (raw and gzipped: what a cold
 * start loads, and every module the Worker may load later), the size
 * of sesame/verify as another service's bundle would carry it, then the time from
 * starting workerd (through miniflare) to the first 200 from GET /.
 */
import { gzipSync } from "node:zlib";
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

const times = [];
for (let run = 0; run < 3; run++) {
  const started = performance.now();
  const mf = new Miniflare({
    modules: true,
    scriptPath: file,
    compatibilityDate: "2025-04-01",
    d1Databases: ["DB"],
    bindings: {
      SESAME_BASE_URL: "http://localhost:8787",
      SESAME_SECRET: "a figure-taking secret, 32 characters+",
      SESAME_MAIL_FROM: "Sesame <no-reply@example.com>",
      RESEND_API_KEY: "unused",
    },
  });
  const response = await mf.dispatchFetch("http://localhost:8787/");
  if (response.status !== 200) throw new Error(`GET / answered ${response.status}`);
  await response.text();
  times.push(performance.now() - started);
  await mf.dispose();
}
times.sort((a, b) => a - b);
console.log(
  `workerd start to first 200 (GET /, schema migrated on first use): median ${times[1].toFixed(0)} ms of ${times.map((t) => t.toFixed(0)).join(", ")} ms`,
);
