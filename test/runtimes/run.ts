/**
 * Running Sesame's code on Deno and Bun from vitest: the contract bundled with esbuild
 * and executed by the runtime's own binary, and the built entries started as servers.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { RESULT_MARKER, type CaseResult } from "./vitest-shim.js";

const ROOT = join(import.meta.dirname, "..", "..");
export const DENO = join(ROOT, "node_modules", ".bin", "deno");
export const BUN = join(ROOT, "node_modules", ".bin", "bun");
/** Deno's permissions for Sesame: its port, its environment, its SQLite and mail files, and its user (to check those files' owners, S32). */
export const DENO_RUN = ["run", "--allow-net", "--allow-env", "--allow-read", "--allow-write", "--allow-sys=uid"];

/** One ES module (in `dir`) holding the entry, Sesame's code it imports, and the shim in vitest's place. */
export async function bundle(entry: string, dir: string): Promise<string> {
  const outfile = join(dir, entry.replace(/\.ts$/, ".mjs"));
  await build({
    entryPoints: [join(import.meta.dirname, entry)],
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    target: "es2022",
    alias: { vitest: join(import.meta.dirname, "vitest-shim.ts") },
    // The runtimes' own modules stay imports.
    external: ["node:*", "bun:*"],
    jsx: "automatic",
    jsxImportSource: "hono/jsx",
    logLevel: "warning",
  });
  return outfile;
}

/** The cases a contract run on a runtime reports; a crash or a missing report throws with the output. */
export async function runContract(command: string, args: string[]): Promise<CaseResult[]> {
  const { code, stdout, stderr } = await runProcess(command, args, {}, 240_000);
  const line = stdout.split("\n").find((l) => l.startsWith(RESULT_MARKER));
  if (!line) throw new Error(`${command} ${args.join(" ")} exited with ${code} and no results:\n${stdout}\n${stderr}`);
  return JSON.parse(line.slice(RESULT_MARKER.length)) as CaseResult[];
}

/** How many cases the contract and the driver checks declare, counted in their sources: every one must have run. */
export function declaredCaseCount(): number {
  const contract = join(ROOT, "src", "store", "contract");
  const files = [...readdirSync(contract).map((name) => join(contract, name)), join(import.meta.dirname, "driver-checks.ts")];
  return files.reduce((sum, file) => sum + (readFileSync(file, "utf8").match(/^\s*it\(/gm)?.length ?? 0), 0);
}

export function runProcess(command: string, args: string[], env: Record<string, string>, timeoutMs: number) {
  const child = spawn(command, args, { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}
