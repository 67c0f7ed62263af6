/**
 * Headless (#21): with `pagesUrl`, the mailed links point to the app's own pages, which
 * speak to the JSON API; Sesame serves no HTML page of its own. A small static page
 * (test/headless/app-pages.html) on the same origin, in Chromium: a sign-up by the mailed
 * link, a logout, a login by the code typed on the page, and a login by the link opened in
 * another browser (which asks to confirm).
 */
import { readFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSesame, DevMailbox, type Sesame } from "../src/index.js";
import { openSqliteFile } from "../src/store/sqlite-file.js";
import { chromiumMissing, launchChromium, type Chromium } from "./browser/chromium.js";

const missing = chromiumMissing();
const APP_PAGES = readFileSync(join(import.meta.dirname, "headless", "app-pages.html"), "utf8");

let chromium: Chromium;
let server: ServerType;
let origin: string;
let sesame: Sesame;
let mailbox: DevMailbox;
let close: () => void;

beforeAll(async () => {
  if (missing) return;
  const dir = mkdtempSync(join(tmpdir(), "sesame-headless-"));
  const db = await openSqliteFile(join(dir, "sesame.db"));
  mailbox = new DevMailbox({ print: () => {} });
  // The port is known once listening; Sesame is built then, with the URLs that name it.
  let handler: (request: Request) => Promise<Response> = async () => new Response("starting", { status: 503 });
  server = serve({ fetch: (request) => handler(request), port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sesame = createSesame({ baseUrl: `${origin}/auth/`, pagesUrl: `${origin}/app/`, store: db.store, mailer: mailbox, rateLimits: false, log: () => {} });
  handler = async (request) => {
    const path = new URL(request.url).pathname;
    if (path.startsWith("/auth/")) return sesame.fetch(request);
    if (path.startsWith("/app/")) return new Response(APP_PAGES, { headers: { "content-type": "text/html; charset=utf-8" } });
    return new Response("not found", { status: 404 });
  };
  chromium = await launchChromium();
  close = () => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  };
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await new Promise((resolve) => server?.close(resolve));
  close?.();
});

async function newPage(): Promise<Page> {
  return (await chromium.newContext()).newPage();
}

/** The newest link mail to `email` once there are `count` of them (a login by code also brings a notice, not counted). */
async function mailTo(email: string, count: number) {
  const links = () => mailbox.list().filter((mail) => mail.to === email && (mail.kind === "signup" || mail.kind === "login"));
  await expect.poll(() => links().length).toBe(count);
  return links()[0]!;
}

describe.skipIf(missing !== null)(missing ?? "an app's own pages over the JSON API (headless)", () => {
  it("signs up by the mailed link, which points to the app's page", async () => {
    const page = await newPage();
    await page.goto(`${origin}/app/`);
    await page.fill("#email", "ada@example.com");
    await page.click("#ask button");
    await expect.poll(() => page.textContent("#status")).toBe("Check your inbox for a sign-up link.");
    const mail = await mailTo("ada@example.com", 1);
    expect(mail.url).toMatch(new RegExp(`^${origin}/app/signup\\?token=`));
    expect(mail.text).toContain(mail.url);
    await page.goto(mail.url);
    await expect.poll(() => page.textContent("#status")).toBe("Create the account for ada@example.com");
    await page.fill("#name", "Ada");
    await page.click("#details button");
    await page.waitForURL(`${origin}/app/`);
    await expect.poll(() => page.textContent("#status")).toBe("Logged in as ada@example.com");
    await page.click("#logout");
    await expect.poll(() => page.isVisible("#ask")).toBe(true);
  });

  it("logs in by the code typed on the app's page, and by the link opened in another browser after a click", async () => {
    const page = await newPage();
    await page.goto(`${origin}/app/`);
    await page.fill("#email", "ada@example.com");
    await page.click("#ask button");
    await expect.poll(() => page.textContent("#status")).toBe("Check your inbox for a login link, or type its code.");
    const mail = await mailTo("ada@example.com", 2);
    expect(mail.url).toMatch(new RegExp(`^${origin}/app/login\\?token=`));
    await page.fill("#code-input", mail.code!);
    await page.click("#code button");
    await page.waitForURL(`${origin}/app/`);
    await expect.poll(() => page.textContent("#status")).toBe("Logged in as ada@example.com");

    const other = await newPage();
    const again = await newPage();
    await again.goto(`${origin}/app/`);
    await again.fill("#email", "ada@example.com");
    await again.click("#ask button");
    const link = await mailTo("ada@example.com", 3);
    await other.goto(link.url);
    await expect.poll(() => other.textContent("#status")).toBe("Log in as ada@example.com?");
    await other.click("#confirm button");
    await other.waitForURL(`${origin}/app/`);
    await expect.poll(() => other.textContent("#status")).toBe("Logged in as ada@example.com");
  });

  it("answers no HTML page of its own: a browser sent to one is told where the app's pages are", async () => {
    const page = await newPage();
    const response = await page.goto(`${origin}/auth/`);
    expect(response?.status()).toBe(404);
    expect(JSON.parse(await page.innerText("body"))).toEqual({
      error: {
        code: "pages_off",
        message: `This service's own pages are off: the app's pages at ${origin}/app/ use its JSON API (send Accept: application/json).`,
      },
    });
  });
});
