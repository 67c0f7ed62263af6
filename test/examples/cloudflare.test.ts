/**
 * examples/cloudflare, installed from the packed tarball: the Worker under `wrangler dev`
 * with a local D1 database and the development mailbox, as its README has a newcomer run
 * it; and the install itself, which must hold no native module.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { devMailbox, expectClientLimit, freePort, signUpAndLogIn, startApp, type RunningApp } from "./app.js";

const dir = inject("examples").cloudflare;
let app: RunningApp;

beforeAll(async () => {
  copyFileSync(join(dir, ".dev.vars.example"), join(dir, ".dev.vars"));
  const port = await freePort();
  const url = `http://localhost:${port}`;
  app = await startApp("npx", ["wrangler", "dev", "--port", String(port), "--ip", "127.0.0.1", "--var", `SESAME_BASE_URL:${url}`], {
    cwd: dir,
    env: { WRANGLER_SEND_METRICS: "false", CI: "true" },
    ready: /Ready on/,
    url,
    timeoutMs: 90_000,
  });
}, 120_000);
afterAll(() => app?.stop());

/** Every file under a folder. */
function* files(folder: string): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

describe("examples/cloudflare", () => {
  it("signs up and logs in under wrangler dev with local D1, and refuses the 31st link request from one client", async () => {
    await signUpAndLogIn(app.url, "/", devMailbox(app.url, "/"), "/session");
    await expectClientLimit(app.url, "/", 2);
  });

  it("runs the cron handler (queued mail, purge) when wrangler triggers it", async () => {
    const response = await fetch(`${app.url}/cdn-cgi/handler/scheduled`);
    expect(response.status).toBe(200);
    expect(app.output()).not.toMatch(/"level":"error"/);
  });

  it("installs without compiling anything: no driver, no nodemailer, no build output in node_modules", () => {
    const modules = join(dir, "node_modules");
    for (const name of ["better-sqlite3", "pg", "nodemailer"]) expect(existsSync(join(modules, name)), name).toBe(false);
    // node-gyp writes what it compiles under build/Release.
    expect([...files(modules)].filter((path) => path.includes("/build/Release/"))).toEqual([]);
    // What Sesame itself brings: pure JavaScript.
    const manifest = JSON.parse(readFileSync(join(modules, "sesame", "package.json"), "utf8")) as { dependencies: Record<string, string> };
    for (const name of Object.keys(manifest.dependencies)) {
      expect(
        [...files(join(modules, name))].filter((path) => path.endsWith(".node") || path.endsWith("binding.gyp")),
        name,
      ).toEqual([]);
    }
  });

  it("keeps local secrets and state out of git: .gitignore lists .dev.vars and .wrangler/", () => {
    const ignored = readFileSync(join(dir, ".gitignore"), "utf8").split("\n");
    expect(ignored).toEqual(expect.arrayContaining([".dev.vars", ".wrangler/"]));
  });
});
