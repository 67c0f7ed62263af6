/** examples/express, installed from the packed tarball: Sesame under /auth in an Express 5 app. */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { client, devMailbox, expectClientLimit, signUpAndLogIn, startNodeExample, type RunningApp } from "./app.js";

const dir = inject("examples").express;
let app: RunningApp;

beforeAll(async () => {
  app = await startNodeExample(dir);
});
afterAll(() => app?.stop());

describe("examples/express", () => {
  it("signs up and logs in over HTTP, guards /dashboard, and refuses the 31st link request from one client", async () => {
    await signUpAndLogIn(app.url, "/auth/", devMailbox(app.url, "/auth/"));
    await expectClientLimit(app.url, "/auth/", 2);
  });

  it("leads /auth to /auth/, and leaves the host's own routes (and body parser) to Express", async () => {
    const get = client(app.url);
    expect(await get("/auth")).toMatchObject({ status: 307, location: "/auth/" });
    const home = await get("/");
    expect(home.status).toBe(200);
    expect(home.headers.get("content-security-policy")).toBeNull();
    expect(home.headers.get("x-powered-by")).toBe("Express");
  });
});
