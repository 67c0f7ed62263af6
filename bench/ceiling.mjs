/**
 * The storage ceiling for `npm run bench`: W1's and W2's writes with no HTTP, in one process.
 *
 * Sesame's own flows run first on a scratch database through a store that records what it
 * is asked (`createLinkToken` for W1, `redeemLoginToken` for W2, and the account and tokens
 * W2 needs); then a fresh database, opened as `sesame serve` opens it (the same pragmas, the
 * same group commit), is asked exactly those calls again, 50 at a time as the 50 connections
 * would, and only that replay is timed. So each workload's rate reads as a fraction of what
 * its storage alone allows. The mail's delivery after a W1 answer is not part of it.
 *
 *   node bench/ceiling.mjs --count=20000   prints {"W1": {...}, "W2": {...}} on stdout
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSesame } from "../dist/index.js";
import { benchOptions, issueTokens, prepareAccount } from "./fixtures.mjs";
import { openSqliteFile } from "../dist/store/sqlite-file.js";

const count = Number(process.argv.find((arg) => arg.startsWith("--count="))?.slice("--count=".length) ?? 20_000);
const IN_FLIGHT = 50;
const dir = mkdtempSync(join(tmpdir(), "sesame-ceiling-"));

/** A store that hands each call named to `record` (its name and a copy of its input), and passes every call on. */
function recording(store, names, record) {
  return new Proxy(store, {
    get(target, name) {
      const value = Reflect.get(target, name, target);
      if (typeof value !== "function") return value;
      if (!names.includes(name)) return value.bind(target);
      return (input) => (record([name, globalThis.structuredClone(input)]), value.call(target, input));
    },
  });
}

// A checkpoint that fires as the scratch files are removed at the end is not an error worth printing.
let finished = false;
const open = (name) => openSqliteFile(join(dir, name), { backgroundCheckpoints: { onError: (error) => finished || console.error(error) } });

try {
  // Record: the flows as the bench server runs them (same options), on a scratch database.
  const scratch = await open("scratch.db");
  const setup = [];
  const w1 = [];
  const w2 = [];
  let calls = setup;
  const sink = [];
  const store = recording(scratch.store, ["createLinkToken", "completeSignup", "redeemLoginToken"], (call) => calls.push(call));
  const sesame = createSesame({
    ...benchOptions,
    store,
    mailer: { send: async (message) => void sink.push(message.url) },
  });
  // The account W2 logs in to, and its login tokens (written straight to the store, as bench.mjs does).
  await prepareAccount(store);
  const tokens = await issueTokens(store, count);
  calls = w1;
  for (let i = 0; i < count; i++) await sesame.requestLink(`ceiling-${i}@example.com`, { client: "127.0.0.1" });
  calls = w2;
  for (const token of tokens) {
    const redeemed = await sesame.redeemLogin(token);
    if (!redeemed.ok) throw new Error(`the recording redemption failed: ${redeemed.reason}`);
  }
  await sesame.idle();
  scratch.close();

  // Replay on a fresh database: the setup untimed, then each workload's calls, timed.
  const fresh = await open("ceiling.db");
  for (const [name, input] of setup) await fresh.store[name](input);
  const result = {};
  for (const [workload, recorded] of [
    ["W1", w1],
    ["W2", w2],
  ]) {
    let next = 0;
    let failed = 0;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const worker = async () => {
      while (next < recorded.length) {
        const [name, input] = recorded[next++];
        const outcome = await fresh.store[name](input);
        if (!outcome.ok) failed++;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    result[workload] = {
      operationsPerSecond: recorded.length / seconds,
      cpuPerOperation: (cpu.user + cpu.system) / recorded.length,
      failed,
      operations: recorded.length,
    };
  }
  fresh.close();
  console.log(JSON.stringify(result));
} finally {
  finished = true;
  rmSync(dir, { recursive: true, force: true });
}
