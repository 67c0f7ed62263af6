/**
 * npm run soak [-- --seconds=120] [-- --window=5] [-- --rate=500]
 *
 * Mixed traffic against Sesame on SQLite at a moderate, fixed rate (500 requests a
 * second over 16 connections by default), each
 * connection cycling through a person's visit: ask for a link, log in with a
 * pre-issued login link, check the session twice, log out. Every window it samples
 * the server's RSS and the window's p99, then says whether both stayed flat after
 * the warm-up (the first fifth of the run). Bounded: it stops by itself.
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { hashToken } from "../dist/core/token.js";
import { openSqliteFile } from "../dist/store/sqlite-file.js";

const argument = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const SECONDS = argument("seconds", 120);
const WINDOW = Math.min(argument("window", 5), SECONDS);
const RATE = argument("rate", 500); // requests a second across all connections: moderate, not flat out
const CONNECTIONS = 16;

const dir = mkdtempSync(join(tmpdir(), "sesame-soak-"));
const dbPath = join(dir, "soak.db");
const server = fork(join(import.meta.dirname, "server.mjs"), [], {
  env: { ...process.env, BENCH_MODE: "sqlite", BENCH_DB: dbPath, BENCH_MAIL: join(dir, "mail.jsonl") },
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const ask = (message) => new Promise((resolve) => (server.once("message", resolve), server.send(message)));
const { url } = await new Promise((resolve) => server.once("message", resolve));

// Login links for the whole run, issued up front (the soak measures Sesame, not the mailbox).
const db = await openSqliteFile(dbPath);
const now = Date.now();
const tokens = [];
async function issue(count) {
  for (let i = 0; i < count; i++) {
    const token = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
    await db.store.createLinkToken({
      email: "soak@example.com",
      tokenHash: await hashToken(token),
      now,
      signupExpiresAt: now + 7200_000,
      loginExpiresAt: now + 7200_000,
    });
    tokens.push(token);
  }
}
const signup = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
await db.store.createLinkToken({ email: "soak@example.com", tokenHash: await hashToken(signup), now, signupExpiresAt: now + 7200_000, loginExpiresAt: now });
await db.store.completeSignup({
  key: { tokenHash: await hashToken(signup) },
  now,
  account: { id: "soak", name: "Soak", profile: {} },
  session: { idHash: await hashToken(`${signup}-s`), createdAt: now, idleExpiresAt: now + 3600_000, absoluteExpiresAt: now + 7200_000 },
});

let next = 0;
let emails = 0;
const form = { "content-type": "application/x-www-form-urlencoded" };
const withCookie = (request, context) => ({ ...request, headers: { ...request.headers, cookie: `sesame_session=${context.session ?? ""}` } });
const visit = [
  { method: "POST", path: "/magic", headers: form, setupRequest: (r) => ({ ...r, body: `email=soak-${emails++}%40example.com` }) },
  {
    method: "POST",
    path: "/login",
    headers: form,
    setupRequest: (r) => ({ ...r, body: `token=${tokens[next++ % tokens.length]}` }),
    onResponse: (_status, _body, context, headers) => {
      const cookie = [].concat(headers["set-cookie"] ?? []).find((c) => c.startsWith("sesame_session="));
      context.session = cookie?.split(";")[0].split("=")[1];
    },
  },
  { method: "GET", path: "/session", setupRequest: withCookie },
  { method: "GET", path: "/session", setupRequest: withCookie },
  { method: "POST", path: "/logout", setupRequest: withCookie },
];

await issue(Math.ceil((SECONDS * RATE) / visit.length) + 1000); // one login link per visit, and some to spare

function window(seconds) {
  const latencies = [];
  let failed = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, overallRate: RATE, duration: seconds, requests: visit }, (error) =>
      error ? reject(error) : resolve({ latencies, failed, seconds }),
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status >= 400) failed++;
    });
  });
}

const samples = [];
for (let elapsed = 0; elapsed < SECONDS; elapsed += WINDOW) {
  const result = await window(Math.min(WINDOW, SECONDS - elapsed));
  const sorted = result.latencies.sort((a, b) => a - b);
  const { rssBytes } = await ask("stats");
  samples.push({
    at: elapsed + result.seconds,
    requestsPerSecond: sorted.length / result.seconds,
    p99: sorted[Math.floor(sorted.length * 0.99)] ?? NaN,
    failed: result.failed,
    rssMB: rssBytes / 1048576,
  });
}
await new Promise((resolve) => (server.once("exit", resolve), server.send("stop")));
db.close();
rmSync(dir, { recursive: true, force: true });

const warm = samples.slice(Math.max(1, Math.floor(samples.length / 5)));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rssGrowth = warm.length > 1 ? warm[warm.length - 1].rssMB - warm[0].rssMB : 0;
const p99Median = median(warm.map((s) => s.p99));
const p99Worst = Math.max(...warm.map((s) => s.p99));
console.log(`Sesame soak: ${SECONDS} s of mixed traffic (ask, log in, check twice, log out) at ${RATE} requests/s over ${CONNECTIONS} connections, SQLite`);
console.log("");
console.log("| t (s) | req/s | p99 ms | 4xx/5xx | RSS MB |");
console.log("| ---: | ---: | ---: | ---: | ---: |");
for (const s of samples) console.log(`| ${s.at} | ${s.requestsPerSecond.toFixed(0)} | ${s.p99.toFixed(1)} | ${s.failed} | ${s.rssMB.toFixed(0)} |`);
console.log("");
const memoryFlat = rssGrowth <= Math.max(10, 0.15 * warm[0].rssMB);
const latencyFlat = p99Worst <= 2 * p99Median;
console.log(
  `after warm-up: RSS ${rssGrowth >= 0 ? "+" : ""}${rssGrowth.toFixed(1)} MB (${memoryFlat ? "flat" : "GROWING"}); p99 median ${p99Median.toFixed(1)} ms, worst ${p99Worst.toFixed(1)} ms (${latencyFlat ? "flat" : "SPIKY"})`,
);
