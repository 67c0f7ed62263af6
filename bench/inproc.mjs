/**
 * node bench/inproc.mjs [W1|W2|W3] [--count=20000]
 *
 * One workload through `sesame.fetch` in one process (no sockets), 50 in flight, and the
 * process's CPU per request including the mail's delivery after each answer: a quick A/B
 * for a change to the request paths before the full `npm run bench`.
 *
 * DATABASE_URL=postgres://…: on that PostgreSQL (16 connections, as the bench's server) rather
 * than a fresh SQLite file, in a schema of its own (left there).
 *
 * NOMAIL=1: a mailer that does nothing (what the file mailer costs); WEB_CRYPTO_SEAL=1: seal
 * the outbox with Web Crypto rather than node:crypto; MEM=1 (with node --expose-gc): the heap
 * at the end, and what is left of it after a full collection, V8's spaces, and the resident
 * memory by mapping.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import v8 from "node:v8";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSesame } from "../dist/sesame.js";
import { createFileMailer } from "../dist/mail/file.js";
import { openSqliteFile } from "../dist/store/sqlite-file.js";
import { openPostgres } from "../dist/store/postgres-pool.js";
import { benchOptions, issueTokens, prepareAccount } from "./fixtures.mjs";

const workload = process.argv[2] ?? "W1";
const count = Number(process.argv.find((arg) => arg.startsWith("--count="))?.slice(8) ?? 20_000);
if (process.env.MEM && !globalThis.gc) throw new Error("MEM=1 needs node --expose-gc: the heap after a full collection is the point");
const dir = mkdtempSync(join(tmpdir(), "sesame-inproc-"));
const db = process.env.DATABASE_URL
  ? await openPostgres(process.env.DATABASE_URL, { poolSize: 16, schema: `inproc_${process.pid}` })
  : await openSqliteFile(join(dir, "bench.db"));
const sesame = createSesame({
  ...benchOptions,
  store: db.store,
  mailer: process.env.NOMAIL ? { send: async () => {} } : createFileMailer(join(dir, "mail.jsonl")),
  aesGcm: process.env.WEB_CRYPTO_SEAL ? undefined : benchOptions.aesGcm,
});
const session = await prepareAccount(db.store);
const tokens = workload === "W2" ? await issueTokens(db.store, count * 2) : [];
const form = { "content-type": "application/x-www-form-urlencoded" };
let n = 0;
const request = {
  W1: () => new Request("http://127.0.0.1:8787/magic", { method: "POST", headers: form, body: `email=inproc-${n++}%40example.com` }),
  W2: () => new Request("http://127.0.0.1:8787/login", { method: "POST", headers: form, body: `token=${tokens[n++]}` }),
  W3: () => new Request("http://127.0.0.1:8787/session", { headers: { cookie: `sesame_session=${session}` } }),
}[workload];
const expect = { W1: 303, W2: 303, W3: 200 }[workload];
async function run(total) {
  let done = 0;
  let bad = 0;
  const worker = async () => {
    while (done < total) {
      done++;
      const response = await sesame.fetch(request());
      await response.arrayBuffer();
      if (response.status !== expect) bad++;
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  await sesame.idle();
  return bad;
}
await run(Math.min(3000, count / 4)); // warm-up
const cpu = process.cpuUsage();
const started = performance.now();
const bad = await run(count);
// Before anything is freed: the spaces as the workload left them.
const spaces = v8.getHeapSpaceStatistics().filter((space) => space.space_size > 0);
const used = process.cpuUsage(cpu);
const seconds = (performance.now() - started) / 1000;
console.log(
  `${workload}: ${(count / seconds).toFixed(0)} req/s, ${((used.user + used.system) / count).toFixed(0)} µs CPU/req (user ${(used.user / count).toFixed(0)}, system ${(used.system / count).toFixed(0)}), ${bad} unexpected`,
);
await db.close();
rmSync(dir, { recursive: true, force: true });
if (process.env.MEM) {
  const mb = (b) => (b / 1048576).toFixed(1);
  const m0 = process.memoryUsage();
  globalThis.gc();
  const m1 = process.memoryUsage();
  console.log(
    `rss ${mb(m0.rss)} heapTotal ${mb(m0.heapTotal)} heapUsed ${mb(m0.heapUsed)} → after gc heapUsed ${mb(m1.heapUsed)} heapTotal ${mb(m1.heapTotal)} external ${mb(m1.external)} maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)}`,
  );
  console.log(`V8 spaces: ${spaces.map((s) => `${s.space_name} ${mb(s.space_size)}`).join(", ")}`);
  console.log(`resident by mapping (Linux): ${residentByMapping()}`);
}

/**
 * What the process's resident memory is, from /proc/self/smaps: the node binary's pages, the
 * C heap (malloc's main arena, "[heap]"), anonymous mappings (V8's heap, threads' arenas and
 * stacks) and the rest.
 */
function residentByMapping() {
  let smaps;
  try {
    smaps = readFileSync("/proc/self/smaps", "utf8");
  } catch {
    return "not available here";
  }
  const kb = {};
  let name = "";
  for (const line of smaps.split("\n")) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) name = mapping[1] === "" ? "anonymous" : mapping[1] === process.execPath ? "node binary" : mapping[1] === "[heap]" ? "C heap" : "other";
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) kb[name] = (kb[name] ?? 0) + Number(rss[1]);
  }
  return Object.entries(kb)
    .sort((a, b) => b[1] - a[1])
    .map(([key, value]) => `${key} ${(value / 1024).toFixed(1)}`)
    .join(", ");
}
