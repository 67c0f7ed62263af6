/**
 * npm run bench [-- --smoke] [-- --sqlite-only] [-- --only=W2,W3] [-- --seconds=5 --runs=5] [-- --profile]
 *                [-- --node-flags="--max-semi-space-size=8"]
 *
 * Drives Sesame with autocannon on loopback: W1 link requests for new addresses,
 * W2 redemptions of distinct pre-issued login tokens, W3 session checks, W4 the same
 * check made by another service on a bearer token (sesame/verify, cached key set), and H, a
 * hello-world on the same stack, as the ceiling, run right before every workload run
 * so that each ratio compares two runs made seconds apart. 50 connections, a warm-up,
 * then timed runs; medians of three. Prints a table and writes JSON and Markdown to
 * bench/results/. Asserts nothing: timings belong here, not in tests.
 */
import { fork } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { openLoop } from "./open-loop.mjs";
import { issueTokens, prepareAccount } from "./fixtures.mjs";
import { openPostgres } from "../dist/store/postgres-pool.js";
import { openSqliteFile } from "../dist/store/sqlite-file.js";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const smoke = process.argv.includes("--smoke");
const sqliteOnly = process.argv.includes("--sqlite-only");
/** `--profile`: the servers write CPU profiles (node --cpu-prof) to bench/results/profiles. */
const profile = process.argv.includes("--profile");
/** `--only=W2` or `--only=W2,W3`: just those workloads (and H). */
const only = process.argv
  .find((arg) => arg.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
/** `--seconds=N`, `--runs=N`: shorter or more runs than the default 10 s × 3. */
const option = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const SECONDS = Number(option("seconds") ?? (smoke ? 1 : 10));
const WARMUP = smoke ? 0 : 2;
const RUNS = Number(option("runs") ?? (smoke ? 1 : 3));
/** `--node-flags="…"`: V8 or Node flags for the servers under test (H's too), to try a setting. */
const nodeFlags = option("node-flags")?.split(" ").filter(Boolean) ?? [];
const CONNECTIONS = 50;
const here = import.meta.dirname;

/** A real PostgreSQL (test/postgres-server.mjs) for the run; closing its stdin stops it. */
async function startPostgresServer() {
  const child = spawn(process.execPath, [join(here, "..", "test", "postgres-server.mjs")], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const { value: line } = await lines.next();
  const { url } = JSON.parse(line);
  return { url, close: () => new Promise((resolve) => (child.once("exit", resolve), child.stdin.end())) };
}

function startServer(env) {
  const execArgv = [...nodeFlags, ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${join(here, "results", "profiles")}`] : [])];
  const child = fork(join(here, "server.mjs"), [], { env: { ...process.env, ...env }, execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", ({ url }) => resolve({ url, child, stats: () => ask(child, "stats"), stop: () => stop(child) }));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}
function ask(child, message) {
  return new Promise((resolve) => {
    child.once("message", resolve);
    child.send(message);
  });
}
function stop(child) {
  return new Promise((resolve) => {
    child.once("exit", resolve);
    child.send("stop");
  });
}

/**
 * One autocannon run; every response's own time, status and verdict. With `rate`, an open
 * loop: requests go out at that many per second whatever the answers do, so the latencies
 * are the server's at that load, not connections divided by throughput.
 */
function load(url, requests, seconds, rate) {
  const latencies = [];
  let good = 0;
  let bad = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, requests, ...(rate && { overallRate: rate }) }, (error, result) => {
      if (error) reject(error);
      else resolve({ result, latencies, good, bad, seconds });
    });
    instance.on("response", (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status >= 200 && status < 400) good++;
      else bad++;
    });
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A workload's autocannon request as the open loop sends it: the next request, and whether an answer counts as served. */
function openSpec(plan, workload) {
  const [entry] = plan[workload];
  return {
    next: () => {
      const base = { method: entry.method, path: entry.path, headers: entry.headers ?? {} };
      const request = entry.setupRequest ? entry.setupRequest(base) : base;
      const headers = request.body === undefined ? request.headers : { ...request.headers, "content-length": Buffer.byteLength(request.body) };
      return { method: request.method, path: request.path, headers, body: request.body };
    },
    ok: (status, headers) => {
      const before = plan.verified.count;
      entry.onResponse(status, "", {}, headers);
      return plan.verified.count > before;
    },
  };
}

/** The storage ceiling (bench/ceiling.mjs) in its own process: W1's and W2's writes with no HTTP. */
function measureCeiling(count) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, join(here, "ceiling.mjs"), `--count=${count}`], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`the ceiling exited with ${code}`))));
  });
}

/** The workloads; each returns autocannon requests and a counter of verified successes. */
function workloads(context) {
  let emailCounter = 0;
  let tokenIndex = 0;
  const verified = { count: 0 };
  const form = { "content-type": "application/x-www-form-urlencoded" };
  return {
    verified,
    H: [{ method: "GET", path: "/hello", onResponse: (status) => status === 200 && verified.count++ }],
    W1: [
      {
        method: "POST",
        path: "/magic",
        headers: form,
        setupRequest: (request) => ({ ...request, body: `email=bench-${context.runId}-${emailCounter++}%40example.com` }),
        onResponse: (status) => status === 303 && verified.count++,
      },
    ],
    W2: [
      {
        method: "POST",
        path: "/login",
        headers: form,
        setupRequest: (request) => ({ ...request, body: `token=${context.tokens[tokenIndex++ % context.tokens.length]}` }),
        onResponse: (status, _body, _context, headers) => {
          const cookies = [].concat(headers["set-cookie"] ?? []);
          if (status === 303 && cookies.some((c) => c.startsWith("sesame_session="))) verified.count++;
        },
      },
    ],
    W3: [
      {
        method: "GET",
        path: "/session",
        headers: { cookie: `sesame_session=${context.session}` },
        onResponse: (status) => status === 200 && verified.count++,
      },
    ],
    "W4 no cache": [
      {
        method: "GET",
        path: "/api",
        headers: { authorization: `Bearer ${context.accessToken}` },
        onResponse: (status) => status === 200 && verified.count++,
      },
    ],
    W4: [
      {
        method: "GET",
        path: "/api",
        headers: { authorization: `Bearer ${context.accessToken}` },
        onResponse: (status) => status === 200 && verified.count++,
      },
    ],
  };
}

async function benchStore(name, env, openStore, hello, withVerifier = false, ceiling = undefined) {
  const server = await startServer(env);
  const db = await openStore();
  const context = { runId: Date.now().toString(36), tokens: [], session: await prepareAccount(db.store) };
  const rows = [];
  let verifier;
  // W4 is another service's check, whatever Sesame's store: measured once, beside SQLite's W3.
  const names = ["W1", "W2", "W3", ...(withVerifier ? ["W4", "W4 no cache"] : [])];
  for (const workload of names.filter((w) => !only || only.includes(w.split(" ")[0]))) {
    const runs = [];
    // W4 loads another service, a verifier holding Sesame's key set; its token comes from POST /token.
    if (workload.startsWith("W4")) {
      const answer = await fetch(`${server.url}/token`, { method: "POST", headers: { cookie: `sesame_session=${context.session}` } });
      context.accessToken = (await answer.json()).access_token;
      await verifier?.stop();
      const jwks = `${server.url}/.well-known/jwks.json`;
      verifier = await startServer({ BENCH_MODE: "verifier", BENCH_JWKS: jwks, BENCH_VERIFIED_TOKENS: workload === "W4" ? "1000" : "0" });
    }
    const target = workload.startsWith("W4") ? verifier : server;
    for (let run = 0; run < RUNS; run++) {
      // More than a run can use: a token used twice would be a fast 410, not a redemption.
      if (workload === "W2") context.tokens = await issueTokens(db.store, smoke ? 5000 : Math.max(60_000, SECONDS * 12_000));
      const plan = workloads({ ...context, runId: `${context.runId}-${run}` });
      if (WARMUP)
        await load(target.url, workloads({ ...context, runId: `${context.runId}-${run}-warm`, tokens: context.tokens.splice(0, 4000) })[workload], WARMUP);
      // The ceiling right before: a ratio of two runs seconds apart, which the machine's other load shifts alike.
      const ceiling = await hello.measure();
      const before = await target.stats();
      const outcome = await load(target.url, plan[workload], SECONDS);
      await new Promise((resolve) => setTimeout(resolve, 200)); // requests still in flight finish on the server
      const after = await target.stats();
      const served = Math.max(1, after.requests - before.requests);
      const measured = summarize(outcome, plan.verified.count, (after.roundTrips - before.roundTrips) / served, (after.cpuMicros - before.cpuMicros) / served);
      runs.push({ ...measured, ratio: measured.requestsPerSecond / ceiling.requestsPerSecond, cpuRatio: measured.cpuPerRequest / ceiling.cpuPerRequest });
    }
    // The open loop: half the closed loop's median rate (fresh tokens for W2), and H at that rate just before: the generator's floor.
    const rate = Math.max(1, Math.round(median(runs.map((run) => run.requestsPerSecond)) / 2));
    // Enough for the open loop's unmeasured first second too.
    if (workload === "W2") context.tokens = await issueTokens(db.store, Math.max(smoke ? 0 : 30_000, Math.ceil(rate * (SECONDS + 1) * 1.1)));
    const floor = await openLoop(hello.url, { rate, seconds: SECONDS, ...openSpec(workloads({}), "H") });
    const fixed = await openLoop(target.url, {
      rate,
      seconds: SECONDS,
      ...openSpec(workloads({ ...context, runId: `${context.runId}-open` }), workload),
      // The server's loop delay and own time, over the measured part only.
      onMeasuring: () => target.child.send("reset loop delay"),
    });
    const open = {
      openRate: rate,
      openAchieved: fixed.achieved,
      openFailed: fixed.bad,
      openP50: percentile(fixed.latencies, 50),
      openP99: percentile(fixed.latencies, 99),
      openP999: percentile(fixed.latencies, 99.9),
      floorP99: percentile(floor.latencies, 99),
    };
    const storage = ceiling?.[workload];
    const afterOpen = await target.stats();
    open.loopDelayP99 = afterOpen.loopDelayP99Ms;
    open.loopDelayMax = afterOpen.loopDelayMaxMs;
    open.handlingP99 = afterOpen.handlingP99Ms;
    open.handlingMax = afterOpen.handlingMaxMs;
    const row = { store: name, workload, ...medianOf(runs), ...open, ...memoryOf(afterOpen) };
    if (storage) row.storageRatio = row.requestsPerSecond / storage.operationsPerSecond;
    rows.push(row);
  }
  await verifier?.stop();
  await db.close();
  await server.stop();
  return rows;
}

/** `cpuPerRequest`: the server process's CPU time (user + system) per request served, in µs; less shaken by a busy machine than req/s. */
function summarize(outcome, verified, roundTripsPerRequest, cpuPerRequest) {
  const sorted = outcome.latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: outcome.latencies.length / outcome.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    failed: outcome.bad,
    verified,
    responses: outcome.latencies.length,
    roundTripsPerRequest,
    cpuPerRequest,
  };
}

/** Peak RSS so far, and where the memory is at the end of the workload: V8's heap, and outside it (buffers, native). */
function memoryOf(stats) {
  return { peakRssMB: stats.maxRssBytes / 1048576, heapMB: stats.heapTotalBytes / 1048576, externalMB: stats.externalBytes / 1048576 };
}

function medianOf(runs) {
  const keys = Object.keys(runs[0]);
  return Object.fromEntries(keys.map((key) => [key, median(runs.map((run) => run[key]))]));
}

/** H, kept up for the whole benchmark and run once right before every workload run. */
async function startHello() {
  const server = await startServer({ BENCH_MODE: "hello" });
  if (WARMUP) await load(server.url, workloads({}).H, WARMUP);
  const runs = [];
  return {
    url: server.url,
    async measure() {
      const plan = workloads({});
      const before = await server.stats();
      const outcome = await load(server.url, plan.H, SECONDS);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const after = await server.stats();
      const run = summarize(outcome, plan.verified.count, 0, (after.cpuMicros - before.cpuMicros) / Math.max(1, after.requests - before.requests));
      runs.push(run);
      return run;
    },
    /** Medians over every H run of the benchmark. */
    async row() {
      return { store: "-", workload: "H", ...medianOf(runs), ratio: 1, cpuRatio: 1, ...memoryOf(await server.stats()) };
    },
    stop: () => server.stop(),
  };
}

const dir = mkdtempSync(join(tmpdir(), "sesame-bench-"));
const results = [];
const hello = await startHello();
try {
  const sqlitePath = join(dir, "bench.db");
  // The storage ceiling, measured as many times as the workloads and reported as its medians.
  const ceilings = [];
  if (!only || only.includes("W1") || only.includes("W2")) for (let run = 0; run < RUNS; run++) ceilings.push(await measureCeiling(smoke ? 300 : 20_000));
  const ceiling =
    ceilings.length === 0
      ? undefined
      : Object.fromEntries(
          ["W1", "W2"].map((w) => [
            w,
            medianOf(ceilings.map((c) => ({ operationsPerSecond: c[w].operationsPerSecond, cpuPerOperation: c[w].cpuPerOperation }))),
          ]),
        );
  results.push(
    ...(await benchStore(
      "SQLite",
      { BENCH_MODE: "sqlite", BENCH_DB: sqlitePath, BENCH_MAIL: join(dir, "sqlite-mail.jsonl") },
      async () => {
        const db = await openSqliteFile(sqlitePath);
        return { store: db.store, close: () => db.close() };
      },
      hello,
      true,
      ceiling,
    )),
  );
  if (ceiling) {
    for (const w of ["W1", "W2"]) {
      results.push({
        store: "SQLite",
        workload: `${w} storage ceiling`,
        requestsPerSecond: ceiling[w].operationsPerSecond,
        cpuPerRequest: ceiling[w].cpuPerOperation,
        ceilingRow: true,
      });
    }
  }
  if (!sqliteOnly) {
    const pg = await startPostgresServer();
    try {
      results.push(
        ...(await benchStore(
          "PostgreSQL",
          { BENCH_MODE: "postgres", BENCH_DB: pg.url, BENCH_MAIL: join(dir, "pg-mail.jsonl") },
          async () => {
            const db = await openPostgres(pg.url, { poolSize: 8 });
            return { store: db.store, close: () => db.close() };
          },
          hello,
        )),
      );
    } finally {
      await pg.close();
    }
  }
  results.unshift(await hello.row());
} finally {
  await hello.stop();
  rmSync(dir, { recursive: true, force: true });
}

const hRow = results.find((r) => r.workload === "H");
const lines = [
  `Sesame benchmark: ${smoke ? "smoke (1 s, 1 run)" : `${SECONDS} s per run, ${RUNS} runs, medians`}, ${CONNECTIONS} connections, ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}${nodeFlags.length > 0 ? `, server flags: ${nodeFlags.join(" ")}` : ""}`,
  "",
  "| store | workload | req/s | × H | × storage | p50 ms | p99 ms | open loop: rate → p50 / p99 / p99.9 ms | failed | verified | round trips/req | server CPU µs/req | CPU × H | peak RSS MB (− H) | heap / external MB |",
  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...results.map((r) => {
    if (r.ceilingRow) return `| ${r.store} | ${r.workload} | ${r.requestsPerSecond.toFixed(0)} | | 1 | | | | | | 1.00 | ${r.cpuPerRequest.toFixed(0)} | | | |`;
    const open =
      r.openRate === undefined
        ? ""
        : `${r.openRate}/s → ${r.openP50.toFixed(2)} / ${r.openP99.toFixed(2)} / ${r.openP999.toFixed(2)} (H's p99 ${r.floorP99.toFixed(2)}; server loop delay p99 ${r.loopDelayP99.toFixed(1)}, max ${r.loopDelayMax.toFixed(1)}; server's own time p99 ${r.handlingP99.toFixed(1)}, max ${r.handlingMax.toFixed(1)}${r.openFailed ? `; ${r.openFailed} failed` : ""})`;
    const overH = r.workload === "H" ? "" : ` (${(r.peakRssMB - hRow.peakRssMB).toFixed(0)})`;
    return `| ${r.store} | ${r.workload} | ${r.requestsPerSecond.toFixed(0)} | ${r.ratio.toFixed(2)} | ${r.storageRatio === undefined ? "" : r.storageRatio.toFixed(2)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${open} | ${r.failed} | ${r.verified} | ${r.roundTripsPerRequest.toFixed(2)} | ${r.cpuPerRequest.toFixed(0)} | ${r.cpuRatio.toFixed(2)} | ${r.peakRssMB.toFixed(0)}${overH} | ${r.heapMB.toFixed(0)} / ${r.externalMB.toFixed(0)} |`;
  }),
  "",
  "× storage: the workload's rate over the storage ceiling's (bench/ceiling.mjs: the same store calls, recorded from the flows and replayed",
  "on a fresh database opened as the server opens it, 50 in flight, no HTTP; medians of as many runs). Open loop: requests sent at half the",
  "closed loop's median rate for one run (bench/open-loop.mjs) after a second at that rate that is not measured (the generator opens its",
  "sockets then), each latency counted from when the request was due; H's p99 at the",
  "same rate, measured just before, is the load generator's own floor on this machine; the server's loop delay (perf_hooks",
  "monitorEventLoopDelay over the open loop) tells a stall in the server from one in the generator, and the server's own time (from",
  "the handler's call to its Response) time spent in the server from time spent on the way. Peak RSS (− H): the",
  "server's peak, and how far it is above the hello-world's.",
  "W1 POST /magic for a new address each request; W2 POST /login with distinct pre-issued tokens (verified: a session cookie came back);",
  "W3 GET /session with a valid cookie; W4 GET /api on another service that checks a bearer token with sesame/verify (key set cached;",
  "the client sends its one token again, as clients do for its minutes); W4 no cache: the same with every signature checked;",
  "H a hello-world on the same Hono + Node stack, run right before every workload run:",
  "× H and CPU × H are medians of the ratios of each run to the H run just before it; the H row gives the medians of all H runs.",
];
console.log(lines.join("\n"));
const out = join(here, "results");
mkdirSync(out, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
writeFileSync(
  join(out, `${stamp}${smoke ? "-smoke" : ""}.json`),
  JSON.stringify({ smoke, seconds: SECONDS, runs: RUNS, connections: CONNECTIONS, results }, null, 2),
);
writeFileSync(join(out, `${stamp}${smoke ? "-smoke" : ""}.md`), lines.join("\n") + "\n");
