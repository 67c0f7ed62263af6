import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security.js";

/** An app with one of each kind of answer the middleware sees, and one it leaves alone (prebuilt JSON). */
function appWith(hsts: boolean | undefined): Hono {
  const security = securityHeaders(hsts === undefined ? {} : { hsts });
  const app = new Hono();
  app.use("*", security.middleware);
  app.get("/page", (c) => c.html("<p>hi</p>"));
  app.get("/moved", (c) => c.redirect("/page", 303));
  app.get("/json", () => security.json({ ok: true }, 200));
  app.get("/fails", () => {
    throw new Error("boom");
  });
  app.onError((_error, c) => c.text("sorry", 500));
  return app;
}

const PATHS = ["/page", "/moved", "/json", "/fails", "/nowhere"];

describe("S22: Strict-Transport-Security", () => {
  it("S22: with hsts, every answer carries max-age=31536000 (and nothing wider)", async () => {
    const app = appWith(true);
    for (const path of PATHS) {
      const response = await app.request(path);
      expect(response.headers.get("strict-transport-security"), path).toBe("max-age=31536000");
    }
  });

  it("S22: without hsts (an http base URL), no answer carries it", async () => {
    for (const hsts of [false, undefined]) {
      const app = appWith(hsts);
      for (const path of PATHS) expect((await app.request(path)).headers.get("strict-transport-security"), path).toBeNull();
    }
  });
});
