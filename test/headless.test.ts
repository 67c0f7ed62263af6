/**
 * Headless (#21): with `pagesUrl`, the mailed links point to the app's own pages, which
 * speak to the JSON API; Sesame serves no HTML page of its own. A small static page
 * (test/headless/app-pages.html) on the same origin, in Chromium: a sign-up by the mailed
 * link, a logout, a login by the code typed on the page, and a login by the link opened in
 * another browser (which asks to confirm).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSesame, DevMailbox } from "../src/index.js";
import { chromiumMissing, launchChromium, type Chromium } from "./browser/chromium.js";
import { startHost, type InProcessHost } from "./browser/in-process.js";

const missing = chromiumMissing();
const APP_PAGES = readFileSync(join(import.meta.dirname, "headless", "app-pages.html"), "utf8");

let chromium: Chromium;
let host: InProcessHost;
let origin: string;
let mailbox: DevMailbox;

beforeAll(async () => {
  if (missing) return;
  mailbox = new DevMailbox({ print: () => {} });
  host = await startHost((at, store) => {
    const sesame = createSesame({ baseUrl: `${at}/auth/`, pagesUrl: `${at}/app/`, store, mailer: mailbox, rateLimits: false, log: () => {} });
    return async (request) => {
      const path = new URL(request.url).pathname;
      if (path.startsWith("/auth/")) return sesame.fetch(request);
      if (path.startsWith("/app/")) return new Response(APP_PAGES, { headers: { "content-type": "text/html; charset=utf-8" } });
      return new Response("not found", { status: 404 });
    };
  });
  origin = host.origin;
  chromium = await launchChromium();
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await host?.close();
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
