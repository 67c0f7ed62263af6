/**
 * WAL checkpoints on a thread of their own (Node only). SQLite runs a checkpoint inside
 * whichever commit pushes the WAL past its threshold: that commit copies the WAL's pages
 * into the database file and waits for the disk, and with it every request the server
 * has in flight. Here a worker thread with its own connection checkpoints the WAL
 * every few hundred milliseconds instead, in PASSIVE mode, which never waits for (or
 * blocks) the server's readers and writer. The server's own automatic checkpoint stays
 * as a backstop.
 *
 * Under writes that never pause, the backstop still runs: a PASSIVE checkpoint never
 * catches up with a writer that keeps going, so the WAL never starts over and grows to the
 * backstop's size (every half second or so at 1 600 link requests a second), and that
 * commit copies whatever this thread has not copied yet. So, once the WAL is past a fifth
 * of that size, this thread checkpoints every 20 ms: what is left for the commit is a few
 * hundred pages rather than thousands. At half the maximum rate (README, Performance, #22's
 * sixth step) the server's longest event-loop stall went from 40-77 ms to 18-22 ms, W1's p99
 * from 48 to 21 ms and W2's from 51 to 20, for 585 -> 598 µs of CPU a link request; every
 * 20 ms throughout did the same for 615 µs.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** WAL pages (4 KiB each) after which the server's connection checkpoints by itself. */
export const BACKSTOP_PAGES = 10_000;

/** From this WAL size on, the thread checkpoints every HURRY_MS... */
export const HURRY_PAGES = BACKSTOP_PAGES / 5;
const HURRY_MS = 20;

/**
 * ...while there is something to copy or the WAL still grows: a WAL copied whole keeps its
 * size until the next write, and an idle server need not be woken 50 times a second. The
 * milliseconds until the next pass, after one that found `log` frames in the WAL and had
 * `checkpointed` of them copied, where the pass before found `lastLog`. Runs in the thread
 * (its text goes into the worker's), so it uses nothing but its arguments.
 */
export function nextPassIn(
  result: { log: number; checkpointed: number },
  lastLog: number,
  pace: { intervalMs: number; hurryPages: number; hurryMs: number },
): number {
  const hurry = result.log >= pace.hurryPages && (result.checkpointed < result.log || result.log !== lastLog);
  return hurry ? Math.min(pace.hurryMs, pace.intervalMs) : pace.intervalMs;
}

export interface Checkpointer {
  /** Stops the thread after its current checkpoint and closes its connection. */
  stop(): Promise<void>;
}

// The worker is plain CommonJS given as text, so it runs the same from src/ (tests) and dist/.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma("synchronous = NORMAL");
// Each new state is told once: a disk that keeps failing is one line, not four a second.
let reported = -1;
let lastError;
let timer;
let lastLog = 0;
const nextPassIn = ${nextPassIn.toString()};
const checkpoint = () => {
  let next = workerData.pace.intervalMs;
  try {
    const [result] = db.pragma("wal_checkpoint(PASSIVE)");
    next = nextPassIn(result, lastLog, workerData.pace);
    lastLog = result.log;
    lastError = undefined;
    if (workerData.report && result.checkpointed !== reported) parentPort.postMessage({ checkpointed: result.checkpointed, log: result.log });
    reported = result.checkpointed;
  } catch (error) {
    const message = String(error && error.message);
    if (message !== lastError) parentPort.postMessage({ error: message });
    lastError = message;
  }
  timer = setTimeout(checkpoint, next);
};
timer = setTimeout(checkpoint, workerData.pace.intervalMs);
parentPort.on("message", () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

export function startCheckpointer(
  path: string,
  options: { intervalMs?: number; onError?: (message: string) => void; onCheckpoint?: (pages: { checkpointed: number; log: number }) => void } = {},
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      path,
      driver,
      pace: { intervalMs: options.intervalMs ?? 250, hurryPages: HURRY_PAGES, hurryMs: HURRY_MS },
      report: options.onCheckpoint !== undefined,
    },
  });
  // A checkpointer alone keeps no process alive.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  worker.on("message", (message: { error?: string; checkpointed?: number; log?: number }) => {
    if (message.error !== undefined) options.onError?.(message.error);
    else options.onCheckpoint?.({ checkpointed: message.checkpointed ?? 0, log: message.log ?? 0 });
  });
  worker.on("error", (error) => options.onError?.(error.message));
  return {
    stop() {
      worker.postMessage("stop");
      return exited;
    },
  };
}
