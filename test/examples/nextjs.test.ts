/**
 * examples/nextjs, installed from the packed tarball, built with `next build` and served
 * by `next start`: Sesame in an App Router route, a protected page and a proxy (middleware).
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { client, expectClientLimit, freePort, printedMail, signUpAndLogIn, startApp, type RunningApp } from "./app.js";

const dir = inject("examples").nextjs;
const NEXT = { NEXT_TELEMETRY_DISABLED: "1" };
let app: RunningApp;

beforeAll(async () => {
  execFileSync("npx", ["next", "build"], { cwd: dir, env: { ...process.env, ...NEXT }, stdio: "pipe" });
  const port = await freePort();
  const url = `http://localhost:${port}`;
  app = await startApp("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: dir,
    // As behind a proxy that sets X-Forwarded-For; `next start` writes the socket's address there when a request has none.
    env: { ...NEXT, SESAME_BASE_URL: `${url}/auth`, SESAME_DB: join(dir, "data", "test.db"), SESAME_TRUST_PROXY: "x-forwarded-for" },
    ready: /Ready in/,
    url,
  });
}, 180_000);
afterAll(() => app?.stop());

describe("examples/nextjs", () => {
  it("signs up and logs in over HTTP, guards /dashboard in the proxy and the page, and refuses the 31st link request from one client", async () => {
    await signUpAndLogIn(app.url, "/auth/", printedMail(app));
    await expectClientLimit(app.url, "/auth/", 2);
  });

  it("answers /auth and /auth/ from the route (no trailing-slash loop)", async () => {
    const get = client(app.url);
    expect(await get("/auth")).toMatchObject({ status: 307, location: "/auth/" });
    const form = await get("/auth/");
    expect(form.status).toBe(200);
    expect(form.text).toContain('action="/auth/magic"');
  });
});
