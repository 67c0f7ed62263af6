/**
 * S20 in Chromium: a page on another origin of the same site, listed in
 * SESAME_CORS_ORIGINS, gets an access token with `fetch(…, { credentials: "include" })`
 * as the README shows, and the token verifies; a page on an origin not listed cannot
 * read the answer, and its POST is refused.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumMissing, launchChromium, type Chromium } from "./browser/chromium.js";
import { startServer, type BrowserServer } from "./browser/server.js";
import { client } from "./process.js";

const missing = chromiumMissing();
let chromium: Chromium;
let sesame: BrowserServer;
const apps: Server[] = [];

/** A blank page on its own port of 127.0.0.1: another origin of the same site as Sesame. */
async function appOrigin(): Promise<string> {
  const app = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>App</title><p>App</p>"));
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", () => resolve()));
  apps.push(app);
  return `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
}

describe.skipIf(missing !== null)(missing ?? "access tokens from a page on another origin, in Chromium", () => {
  let allowed: string;
  let other: string;
  beforeAll(async () => {
    [allowed, other] = await Promise.all([appOrigin(), appOrigin()]);
    [chromium, sesame] = await Promise.all([launchChromium(), startServer({ SESAME_CORS_ORIGINS: allowed })]);
  });
  afterAll(async () => {
    await chromium?.close();
    await sesame?.close();
    await Promise.all(apps.map((app) => new Promise((resolve) => app.close(resolve))));
  });

  it("S20: the listed origin gets a token with credentials: include, and jose verifies it; another origin cannot read one", async () => {
    // Logged in through Sesame's own pages' cookie, as after following a link.
    const http = client(sesame.url);
    await http("/magic", { email: "ada@example.com" });
    const mail = await sesame.waitForMail("ada@example.com", 1);
    const created = await fetch(`${sesame.url}/signup`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: new URL(mail.url).searchParams.get("token")!, name: "Ada" }),
    });
    const session = created.headers
      .getSetCookie()
      .find((c) => c.startsWith("sesame_session="))!
      .split(";")[0]!
      .split("=")[1]!;
    const context = await chromium.newContext();
    await context.addCookies([{ name: "sesame_session", value: session, url: sesame.url, httpOnly: true, sameSite: "Lax" }]);
    const page = await context.newPage();

    const ask = (origin: string) =>
      page.goto(origin).then(() =>
        page.evaluate(async (url) => {
          try {
            const answer = await fetch(url, { method: "POST", credentials: "include" });
            return { status: answer.status, body: (await answer.json()) as { access_token?: string } };
          } catch (error) {
            return { error: String(error) };
          }
        }, `${sesame.url}/token`),
      );

    const fromApp = await ask(allowed);
    expect(fromApp).toMatchObject({ status: 200, body: { token_type: "Bearer" } });
    const token = (fromApp as { body: { access_token: string } }).body.access_token;
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(`${sesame.url}/.well-known/jwks.json`)), {
      issuer: sesame.url,
      audience: sesame.url,
    });
    expect(payload.email).toBe("ada@example.com");

    // Not listed: no CORS headers, so the page cannot read the answer (and the POST was refused as cross-site).
    expect(await ask(other)).toEqual({ error: expect.stringMatching(/Failed to fetch/) });
    await context.close();
  });
});
