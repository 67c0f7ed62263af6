/**
 * WAL checkpoints on a thread of their own (Node only). SQLite runs a checkpoint inside
 * whichever commit pushes the WAL past its threshold: that commit copies the WAL's pages
 * into the database file and waits for the disk, and with it every request the server
 * has in flight. Here a worker thread with its own connection checkpoints the WAL
 * every few hundred milliseconds instead, in PASSIVE mode, which never waits for (or
 * blocks) the server's readers and writer. The server's own automatic checkpoint stays
 * as a backstop, at a threshold it reaches only if this thread falls far behind.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** WAL pages (4 KiB each) after which the server's connection checkpoints by itself. */
export const BACKSTOP_PAGES = 10_000;

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
const timer = setInterval(() => {
  try {
    const [result] = db.pragma("wal_checkpoint(PASSIVE)");
    lastError = undefined;
    if (workerData.report && result.checkpointed !== reported) parentPort.postMessage({ checkpointed: result.checkpointed, log: result.log });
    reported = result.checkpointed;
  } catch (error) {
    const message = String(error && error.message);
    if (message !== lastError) parentPort.postMessage({ error: message });
    lastError = message;
  }
}, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
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
    workerData: { path, driver, intervalMs: options.intervalMs ?? 250, report: options.onCheckpoint !== undefined },
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
