/**
 * Sesame under a path of a host's site (`https://example.com/auth`), as a host app mounts it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { makeSesame } from "./support.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe("mounted under a path", () => {
  it("leads GET /auth to /auth/, keeping the query, and serves the form there", async () => {
    const t = await makeSesame({ baseUrl: "http://localhost:8787/auth" });
    cleanups.push(() => t.close());
    const bare = await t.sesame.fetch(new Request("http://localhost:8787/auth?next=%2Fauth%2Fx"));
    expect(bare.status).toBe(307);
    expect(bare.headers.get("location")).toBe("/auth/?next=%2Fauth%2Fx");
    const home = await t.sesame.fetch(new Request("http://localhost:8787/auth/", { headers: { accept: "text/html" } }));
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('action="/auth/magic"');
    // Nothing else changes: a path beside the mount point is still not Sesame's.
    expect((await t.sesame.fetch(new Request("http://localhost:8787/authx"))).status).toBe(404);
  });

  it("answers with a promise, always, so callers have one type to await", async () => {
    const t = await makeSesame();
    cleanups.push(() => t.close());
    const answer = t.sesame.fetch(new Request("http://localhost:8787/assets/sesame.css"));
    expect(answer).toBeInstanceOf(Promise);
    expect((await answer).status).toBe(200);
  });
});
