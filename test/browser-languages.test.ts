/**
 * Sign-up and login in German and in Arabic (#21), in Chromium against `sesame serve`: the
 * browser's own language (its Accept-Language) chooses the pages' and the mail's; Arabic
 * reads right to left. Every page is checked with axe-core and photographed.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible } from "./browser/accessibility.js";
import { chromiumMissing, launchChromium, type Chromium } from "./browser/chromium.js";
import { capture } from "./browser/screenshots.js";
import { startServer, type BrowserServer } from "./browser/server.js";

const missing = chromiumMissing();

let chromium: Chromium;
let server: BrowserServer;
const contexts: BrowserContext[] = [];

async function pageIn(locale: string): Promise<Page> {
  const context = await chromium.newContext({ locale });
  contexts.push(context);
  return context.newPage();
}

interface Expected {
  locale: string;
  email: string;
  dir: "ltr" | "rtl";
  home: string;
  sent: string;
  signup: string;
  signedIn: string;
  subject: string;
}

const LANGUAGES: Expected[] = [
  {
    locale: "de-DE",
    email: "ute@example.com",
    dir: "ltr",
    home: "Anmelden oder registrieren",
    sent: "Wir haben einen Registrierungslink an ute@example.com geschickt.",
    signup: "Konto anlegen",
    signedIn: "Hallo, Ute",
    subject: "Registrierung bei Sesame abschließen",
  },
  {
    locale: "ar",
    email: "layla@example.com",
    dir: "rtl",
    home: "تسجيل الدخول أو التسجيل",
    sent: "أرسلنا رابط تسجيل إلى layla@example.com.",
    signup: "أنشئ حسابك",
    signedIn: "مرحبًا، Layla",
    subject: "أكمل التسجيل في \u2068Sesame\u2069",
  },
];

describe.skipIf(missing !== null)(missing ?? "sign-up and login in German and Arabic, in Chromium", () => {
  beforeAll(async () => {
    [chromium, server] = await Promise.all([launchChromium(), startServer()]);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await chromium?.close();
    await server?.close();
  });

  for (const lang of LANGUAGES) {
    it(`signs up and logs in in ${lang.locale}: pages and mail in that language, ${lang.dir}`, async () => {
      const name = lang.locale.slice(0, 2);
      const page = await pageIn(lang.locale);
      await page.goto(server.url);
      expect(await page.locator("html").getAttribute("dir")).toBe(lang.dir);
      expect(await page.locator("h1").textContent()).toBe(lang.home);
      // Nothing overflows sideways (a field moved off-screen to the left makes a right-to-left page scroll there).
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await expectAccessible(page, `home (${name})`);
      await capture(page, `home-${name}`);

      await page.fill("#email", lang.email);
      await page.click("button[type=submit]");
      await page.waitForURL(`${server.url}/sent`);
      expect(await page.locator("main p").first().textContent()).toBe(lang.sent);
      await expectAccessible(page, `link sent (${name})`);
      await capture(page, `link-sent-${name}`);

      const mail = await server.waitForMail(lang.email, 1);
      expect(mail.subject).toBe(lang.subject);
      await page.goto(mail.url);
      expect(await page.locator("h1").textContent()).toBe(lang.signup);
      // Sesame's own sign-up field is labelled in the page's language too.
      expect(await page.locator("label[for=name]").textContent()).toBe(name === "de" ? "Ihr Name" : "اسمك");
      await expectAccessible(page, `sign-up details (${name})`);
      await capture(page, `signup-details-${name}`);
      await page.fill("#name", name === "de" ? "Ute" : "Layla");
      await page.click("form[action='/signup'] button[type=submit]");
      await page.waitForURL(`${server.url}/`);
      expect(await page.locator("h1").textContent()).toBe(lang.signedIn);
      await expectAccessible(page, `signed in (${name})`);
      await capture(page, `signed-in-${name}`);

      // Log out, then in again by the login link, opened in this browser.
      await page.click("form[action='/logout'] button");
      await page.waitForURL(`${server.url}/`);
      await page.fill("#email", lang.email);
      await page.click("button[type=submit]");
      await page.waitForURL(`${server.url}/sent`);
      const login = await server.waitForMail(lang.email, 2);
      await page.goto(login.url);
      await page.waitForURL(`${server.url}/`);
      expect(await page.locator("h1").textContent()).toBe(lang.signedIn);
    });
  }
});
