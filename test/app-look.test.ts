/**
 * An app's own look (#21): its stylesheet, loaded after Sesame's and allowed by the
 * Content-Security-Policy, sets the custom properties the pages are drawn with (accent,
 * radius, font) in a real browser, with no CSP violation; an https stylesheet's origin, and
 * only it, joins style-src.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSesame, DevMailbox } from "../src/index.js";
import { contentSecurityPolicy } from "../src/http/security.js";
import { chromiumMissing, launchChromium, type Chromium } from "./browser/chromium.js";
import { startHost, type InProcessHost } from "./browser/in-process.js";
import { makeSesame } from "./support.js";

const missing = chromiumMissing();
const BRAND = ":root { --accent: rgb(10, 125, 50); --radius-small: 0px; --font: Georgia, serif; }";

let chromium: Chromium;
let host: InProcessHost;

beforeAll(async () => {
  if (missing) return;
  host = await startHost((origin, store) => {
    const sesame = createSesame({ baseUrl: origin, stylesheetUrl: "/brand/acme.css", store, mailer: new DevMailbox({ print: () => {} }), log: () => {} });
    return async (request) =>
      new URL(request.url).pathname === "/brand/acme.css" ? new Response(BRAND, { headers: { "content-type": "text/css" } }) : sesame.fetch(request);
  });
  chromium = await launchChromium();
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await host?.close();
});

describe.skipIf(missing !== null)(missing ?? "an app's stylesheet in Chromium", () => {
  it("draws the pages with the app's accent, radius and font, and the policy blocks nothing", async () => {
    const page = await (await chromium.newContext()).newPage();
    const blocked: string[] = [];
    page.on("console", (message) => {
      if (/Content.Security.Policy/i.test(message.text())) blocked.push(message.text());
    });
    await page.goto(host.origin);
    const button = await page.$eval("button[type=submit]", (element) => {
      const style = getComputedStyle(element);
      return { background: style.backgroundColor, radius: style.borderTopLeftRadius };
    });
    expect(button).toEqual({ background: "rgb(10, 125, 50)", radius: "0px" });
    expect(await page.$eval("body", (element) => getComputedStyle(element).fontFamily)).toBe("Georgia, serif");
    expect(blocked).toEqual([]);
  });
});

describe("the stylesheet option", () => {
  it("adds exactly an https stylesheet's origin to style-src, and refuses anything but https or a path", async () => {
    expect(contentSecurityPolicy({ stylesheetUrl: "https://cdn.example.com/acme.css" })).toContain("style-src 'self' https://cdn.example.com;");
    expect(contentSecurityPolicy({ stylesheetUrl: "/brand/acme.css" })).toBe(contentSecurityPolicy());
    for (const bad of ["http://cdn.example.com/acme.css", "javascript:alert(1)", "//cdn.example.com/a.css"]) {
      await expect(makeSesame({ stylesheetUrl: bad })).rejects.toThrow(/^stylesheetUrl must be an https:\/\/ URL or a path on this site/);
    }
    const t = await makeSesame({ stylesheetUrl: "https://cdn.example.com/acme.css" });
    try {
      const home = await t.browser().get("/");
      expect(await home.text()).toContain('<link rel="stylesheet" href="https://cdn.example.com/acme.css"/>');
      expect(home.headers.get("content-security-policy")).toContain("style-src 'self' https://cdn.example.com");
    } finally {
      t.close();
    }
  });
});
