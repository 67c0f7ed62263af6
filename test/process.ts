/**
 * `sesame` as a child process (the built CLI: npm test builds first), and a fetch
 * that posts forms like a browser with a cookie jar of its own.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import { readFileMailbox, type FileMail } from "../src/mail/file.js";

const BIN = join(import.meta.dirname, "..", "bin", "sesame.js");

export interface Served {
  url: string;
  process: ChildProcessWithoutNullStreams;
  output: () => string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

/**
 * For a test file that starts `sesame` processes: dist/ checked first, a temporary folder
 * (`dir`), each test's processes stopped after it, the folder removed after the file.
 */
export function processSandbox(name: string) {
  const running: Served[] = [];
  let dir = "";
  beforeAll(() => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), `sesame-${name}-`));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    running,
    get dir() {
      return dir;
    },
    /** Starts `sesame serve` (as serve() does), stopped after the test. */
    serve: (env: Record<string, string>) => serve(env, running),
  };
}

export function assertBuilt(): void {
  if (!existsSync(join(import.meta.dirname, "..", "dist", "cli", "cli.js"))) {
    throw new Error("dist/ is missing: run `npm run build` (npm test does it first)");
  }
}

/** Starts `sesame serve` on a free port; rate limits off unless `env` sets them. */
export function serve(env: Record<string, string>, running?: Served[]): Promise<Served> {
  const defaults = { PATH: process.env.PATH ?? "", PORT: "0", SESAME_RATE_LIMIT_ADDRESS: "off", SESAME_RATE_LIMIT_CLIENT: "off" };
  const child = spawn(process.execPath, [BIN, "serve"], { env: { ...defaults, ...env } });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line:\n${output}`)), 15_000);
    child.stdout.on("data", () => {
      const match = output.match(/listening on (http:\/\/[^\s]+)/);
      if (!match) return;
      clearTimeout(timer);
      const served: Served = {
        url: match[1]!,
        process: child,
        output: () => output,
        exited,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          return exited;
        },
      };
      running?.push(served);
      resolve(served);
    });
    child.once("exit", () => reject(new Error(`exited early:\n${output}`)));
  });
}

export function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? "", ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

/** A fetch that posts forms like a browser and keeps one cookie jar. */
export function client(base: string, extraHeaders: Record<string, string> = {}) {
  const jar = new Map<string, string>();
  return async (path: string, fields?: Record<string, string>) => {
    const response = await fetch(new URL(path, base), {
      method: fields ? "POST" : "GET",
      redirect: "manual",
      headers: {
        accept: "text/html",
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(fields ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        ...extraHeaders,
      },
      ...(fields ? { body: new URLSearchParams(fields) } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const [name = "", value = ""] = pair.split("=");
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    return response;
  };
}

/** Polls `probe` until it gives a value; fails after `timeoutMs` naming `what` it waited for. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The file mailbox once `count` mails (that match) are in it: mail leaves after the answer, so it may still be on its way. */
export function mailsArrived(path: string, count = 1, match: (mail: FileMail) => boolean = () => true): Promise<FileMail[]> {
  return waitFor(`${count} mail(s) in ${path}`, async () => {
    const mails = existsSync(path) ? (await readFileMailbox(path)).filter(match) : [];
    return mails.length >= count ? mails : undefined;
  });
}
