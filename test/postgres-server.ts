/**
 * Starts and controls test/postgres-server.mjs: a real PostgreSQL in its own process.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";

export interface PostgresServer {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server for good and ends its process. */
  close(): Promise<void>;
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const child = spawn(process.execPath, [join(import.meta.dirname, "postgres-server.mjs")], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  async function nextLine(): Promise<string> {
    const { value, done } = await lines.next();
    if (done) throw new Error("the PostgreSQL process ended");
    return value as string;
  }
  const { url } = JSON.parse(await nextLine()) as { url: string };
  async function command(word: "stop" | "start", answer: string) {
    child.stdin.write(`${word}\n`);
    const reply = await nextLine();
    if (reply !== answer) throw new Error(`expected ${answer}, got ${reply}`);
  }
  return {
    url,
    stop: () => command("stop", "stopped"),
    start: () => command("start", "started"),
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}
