/**
 * The packed package as a project that depends on it sees it: only built files and
 * maps that resolve, declarations that type-check against nothing but its own
 * dependencies, and a clear error naming a missing optional peer. Run in the Worker
 * project, which installs none of the peers.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, inject, it } from "vitest";

const { tarball, cloudflare } = inject("examples");
const installed = join(cloudflare, "node_modules", "sesame");
const TSC = join(import.meta.dirname, "..", "..", "node_modules", "typescript", "bin", "tsc");

function* files(folder: string): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

/** Runs an ES module in the Worker project, on Node; its stdout and stderr. */
function runModule(source: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", source], { cwd: cloudflare, encoding: "utf8" });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe("the packed package", () => {
  it("ships built files, a README, and no sources, tests or declaration maps", () => {
    const listed = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n");
    expect(listed).toEqual(
      expect.arrayContaining([
        "package/package.json",
        "package/README.md",
        "package/bin/sesame.js",
        "package/dist/index.js",
        "package/dist/platforms/workers.js",
      ]),
    );
    expect(listed.filter((path) => /\.test\.|\.contract\.|\.check\.|\.d\.ts\.map$|^package\/src\//.test(path))).toEqual([]);
  });

  it("has source maps that resolve: every source they name is embedded", () => {
    const maps = [...files(join(installed, "dist"))].filter((path) => path.endsWith(".js.map"));
    expect(maps.length).toBeGreaterThan(50);
    for (const path of maps) {
      const map = JSON.parse(readFileSync(path, "utf8")) as { sources: string[]; sourcesContent?: (string | null)[] };
      expect(map.sourcesContent?.length, relative(installed, path)).toBe(map.sources.length);
      expect(
        map.sourcesContent!.every((content) => typeof content === "string" && content.length > 0),
        relative(installed, path),
      ).toBe(true);
    }
  });

  it("names the missing package when an entry needs an optional peer that is not installed", () => {
    const cases = [
      ['const { openSqliteFile } = await import("sesame/sqlite"); await openSqliteFile("./x.db");', "better-sqlite3"],
      ['const { openPostgres } = await import("sesame/postgres"); await openPostgres("postgres://127.0.0.1:1/x");', "pg"],
      ['const { createSmtpMailer } = await import("sesame/smtp"); await createSmtpMailer("smtp://127.0.0.1:25");', "nodemailer"],
    ] as const;
    for (const [source, name] of cases) {
      const { status, output } = runModule(`try { ${source} } catch (error) { console.log(error.code, error.message); process.exit(3); }`);
      expect(status, output).toBe(3);
      expect(output.trim()).toMatch(new RegExp(`^invalid_options .* needs the "${name}" package, which is not installed: npm install ${name}$`));
    }
  });

  it("exports its portable entries, and createWorker, to a project without the peers", () => {
    const { status, output } = runModule(
      'const s = await import("sesame"); const w = await import("sesame/workers"); console.log(typeof s.createSesame, typeof s.createD1Executor, typeof w.createWorker, typeof w.default.fetch, typeof w.default.scheduled);',
    );
    expect(status, output).toBe(0);
    expect(output.trim()).toBe("function function function function function");
  });

  it("loads from CommonJS with require() on this Node (20.19+), as the README says", () => {
    const result = spawnSync(
      process.execPath,
      [
        "-e",
        'const { createSesame } = require("sesame"); const { createWorker } = require("sesame/workers"); console.log(typeof createSesame, typeof createWorker);',
      ],
      {
        cwd: cloudflare,
        encoding: "utf8",
      },
    );
    expect(result.stdout.trim(), result.stderr).toBe("function function");
  });

  it("type-checks a consumer against its declarations with skipLibCheck off", () => {
    writeFileSync(
      join(cloudflare, "consumer.ts"),
      [
        'import { createSesame, DevMailbox, type CodeOutcome, type LinkRequestOptions, type SesameOptions } from "sesame";',
        'import worker, { createWorker, type SesameWorker } from "sesame/workers";',
        'import { openSqliteFile } from "sesame/sqlite";',
        'import { openPostgres } from "sesame/postgres";',
        'import { createSmtpMailer } from "sesame/smtp";',
        "const mailer = new DevMailbox();",
        'export const options: Partial<SesameOptions> = { baseUrl: "http://localhost:8787", mailer };',
        "export const fetches: (request: Request) => Promise<Response> = (request) => createSesame({ ...options, mailer, baseUrl: options.baseUrl!, store: null! }).fetch(request);",
        'export const own: SesameWorker = createWorker({ appName: "Example" });',
        "export const ready: SesameWorker = worker;",
        "export type Seen = [CodeOutcome, LinkRequestOptions, typeof openSqliteFile, typeof openPostgres, typeof createSmtpMailer];",
      ].join("\n"),
    );
    // No @types at all (a Worker project has none): only what the package and its dependencies declare.
    const compilerOptions = {
      noEmit: true,
      strict: true,
      skipLibCheck: false,
      module: "nodenext",
      moduleResolution: "nodenext",
      target: "es2022",
      lib: ["es2022", "dom"],
      types: [],
    };
    writeFileSync(join(cloudflare, "tsconfig.consumer.json"), JSON.stringify({ compilerOptions, files: ["consumer.ts"] }));
    const result = spawnSync(process.execPath, [TSC, "-p", "tsconfig.consumer.json"], { cwd: cloudflare, encoding: "utf8" });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
