/**
 * The server under load, in its own process: Sesame on SQLite or PostgreSQL with the
 * file mailer, or a hello-world on the same Hono + Node stack. Built from dist/ like
 * `sesame serve`, with one addition: its database executor counts round trips, which
 * the driver reads over IPC, with the peak RSS.
 *
 * Or, for W4, another service: a verifier (sesame/verify) checking bearer tokens against
 * Sesame's key set, fetched once and cached.
 *
 *   BENCH_MODE=sqlite|postgres|hello|verifier  BENCH_DB=path-or-url  BENCH_MAIL=path  BENCH_JWKS=url
 */
import { createHistogram, monitorEventLoopDelay } from "node:perf_hooks";
import { Hono } from "hono";
import { createSesame } from "../dist/index.js";
import { createFileMailer } from "../dist/mail/file.js";
import { startNodeServer } from "../dist/platforms/node.js";
import { openPostgres } from "../dist/store/postgres-pool.js";
import { SqlStore } from "../dist/store/sql-store.js";
import { openSqliteFile } from "../dist/store/sqlite-file.js";
import { createVerifier } from "../dist/verify/verifier.js";
import { benchOptions } from "./fixtures.mjs";

const mode = process.env.BENCH_MODE;
let roundTrips = 0;
let requests = 0;
let fetch;

if (mode === "hello") {
  const app = new Hono();
  app.get("/hello", (c) => c.text("Hello, world"));
  fetch = app.fetch;
} else if (mode === "verifier") {
  const verify = createVerifier({
    issuer: "http://127.0.0.1:8787",
    audience: "http://127.0.0.1:8787",
    jwksUrl: process.env.BENCH_JWKS,
    // 0: every request checks the signature, as for a client that never sends the same token twice.
    verifiedTokens: Number(process.env.BENCH_VERIFIED_TOKENS ?? 1000),
  });
  const app = new Hono();
  app.get("/api", async (c) => {
    const result = await verify(c.req.raw);
    return result.ok ? c.json({ sub: result.claims.sub }) : c.json({ error: result.code }, 401);
  });
  fetch = app.fetch;
} else {
  const db =
    mode === "postgres"
      ? await openPostgres(process.env.BENCH_DB, { poolSize: 16 })
      : await openSqliteFile(process.env.BENCH_DB, { backgroundCheckpoints: { onError: console.error } }); // as `sesame serve` does
  const executor = { ...db.executor, batch: (statements) => (roundTrips++, db.executor.batch(statements)) };
  const sesame = createSesame({
    ...benchOptions,
    store: new SqlStore(executor),
    mailer: createFileMailer(process.env.BENCH_MAIL),
    // W4's token must outlive the runs.
    accessTokens: { ttlSeconds: 3600 },
  });
  await sesame.purgeExpired(); // the hourly purge, out of the way
  fetch = sesame.fetch;
}

// How long the server's event loop was held up, to tell a stall in the server from one in the load generator.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();

// And how long the server itself took per request, from the handler's call to its Response (in
// µs): next to the client's latency, it tells time spent in here from time spent on the way.
const handling = createHistogram();
const handle = fetch;
async function timed(request, env) {
  requests++;
  const started = performance.now();
  try {
    return await handle(request, env);
  } finally {
    handling.record(Math.max(1, Math.round((performance.now() - started) * 1000)));
  }
}
const server = await startNodeServer({ fetch: timed, port: 0, host: "127.0.0.1" });
process.on("message", (message) => {
  if (message === "stats") {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    process.send({
      roundTrips,
      requests,
      cpuMicros: cpu.user + cpu.system,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      rssBytes: memory.rss,
      heapTotalBytes: memory.heapTotal,
      externalBytes: memory.external + memory.arrayBuffers,
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      loopDelayMaxMs: loopDelay.max / 1e6,
      handlingP99Ms: handling.count > 0 ? handling.percentile(99) / 1000 : 0,
      handlingMaxMs: handling.count > 0 ? handling.max / 1000 : 0,
    });
  }
  if (message === "reset loop delay") {
    loopDelay.reset();
    handling.reset();
  }
  if (message === "stop") server.close().then(() => process.exit(0));
});
process.send({ url: server.url });
