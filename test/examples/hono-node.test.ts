/** examples/hono-node, installed from the packed tarball: Sesame's app mounted in a host Hono app on Node. */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { client, devMailbox, expectClientLimit, signUpAndLogIn, startNodeExample, type RunningApp } from "./app.js";

const dir = inject("examples").honoNode;
let app: RunningApp;

beforeAll(async () => {
  app = await startNodeExample(dir);
});
afterAll(() => app?.stop());

describe("examples/hono-node", () => {
  it("signs up and logs in over HTTP, guards /dashboard, and refuses the 31st link request from one client", async () => {
    await signUpAndLogIn(app.url, "/auth/", devMailbox(app.url, "/auth/"));
    await expectClientLimit(app.url, "/auth/", 2);
  });

  it("keeps the host's own headers on its own routes, and Sesame's on Sesame's", async () => {
    const get = client(app.url);
    const home = await get("/");
    expect(home.status).toBe(200);
    expect(home.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(home.headers.get("content-security-policy")).toBeNull();
    expect(home.headers.get("cache-control")).toBeNull();
    const form = await get("/auth/");
    expect(form.headers.get("x-frame-options")).toBe("DENY");
    expect(form.headers.get("content-security-policy")).toContain("default-src 'none'");
  });
});
