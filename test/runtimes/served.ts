/**
 * A Sesame entry started on another runtime's binary, on a free port, with a SQLite
 * file and the file mailer in a directory of its own.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";

export interface ServedElsewhere {
  url: string;
  mailPath: string;
  output(): string;
  /** SIGTERM, then the exit code; the directory is removed. */
  stop(): Promise<number | null>;
}

/**
 * Started with SESAME_DRAIN_SECONDS=2: after SIGTERM, /readyz says draining while other
 * requests are still answered, then the process exits 0, as `sesame serve` does.
 */
export async function checkDrain(served: ServedElsewhere): Promise<void> {
  const readyz = async () => {
    const response = await fetch(`${served.url}/readyz`);
    return [response.status, await response.json()];
  };
  expect(await readyz()).toEqual([200, { ready: true }]);
  const stopped = served.stop();
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await readyz()).toEqual([503, { ready: false, reason: "draining" }]);
  expect((await fetch(`${served.url}/healthz`)).status).toBe(200);
  expect(await stopped).toBe(0);
  expect(served.output()).toContain("sesame: draining for 2 s");
}

export function serveOn(command: string, args: string[], env: Record<string, string> = {}): Promise<ServedElsewhere> {
  const dir = mkdtempSync(join(tmpdir(), "sesame-runtime-"));
  const mailPath = join(dir, "mail.jsonl");
  const child = spawn(command, args, {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NO_COLOR: "1",
      PORT: "0",
      SESAME_DB: join(dir, "data", "sesame.db"),
      SESAME_MAILER: `file:${mailPath}`,
      SESAME_BASE_URL: "http://127.0.0.1:1",
      SESAME_RATE_LIMIT_ADDRESS: "off",
      SESAME_RATE_LIMIT_CLIENT: "off",
      ...env,
    },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no listening line:\n${output}`));
    }, 30_000);
    child.stdout.on("data", () => {
      const match = output.match(/listening on (http:\/\/[^\s]+)/);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1]!,
        mailPath,
        output: () => output,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          const code = await exited;
          rmSync(dir, { recursive: true, force: true });
          return code;
        },
      });
    });
    void exited.then(() => reject(new Error(`exited early:\n${output}`)));
  });
}
