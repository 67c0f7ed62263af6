/**
 * The account page in Chromium against `sesame serve` (#18): three devices logged in to
 * one account; one is logged out from the page (its next request is logged out), the
 * address is changed through the link mailed to the new one (the old one is told), then
 * the account is deleted (every session ends, a notice arrives, the address signs up afresh).
 * Each page is checked with axe-core and photographed, light and dark.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { expectAccessible } from "./browser/accessibility.js";
import { chromiumMissing, launchChromium, type Chromium } from "./browser/chromium.js";
import { capture } from "./browser/screenshots.js";
import { startServer, type BrowserServer } from "./browser/server.js";

const missing = chromiumMissing();

let chromium: Chromium;
let server: BrowserServer;
const contexts: BrowserContext[] = [];
const problems: string[] = [];

async function newPage(options: Parameters<Chromium["newContext"]>[0] = {}): Promise<Page> {
  const context = await chromium.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) problems.push(`blocked: ${message.text()}`);
  });
  return page;
}

async function ask(page: Page, email: string): Promise<void> {
  await page.goto(server.url);
  await page.fill("#email", email);
  await page.click("button[type=submit]");
  await page.waitForURL(`${server.url}/sent`);
}

/** Signs up in this browser, as a person would: the form, the mail's link, the name. */
async function signUp(page: Page, email: string, count: number): Promise<void> {
  await ask(page, email);
  await page.goto((await server.waitForMail(email, count)).url);
  await page.fill("#name", "Ada Lovelace");
  await page.click("button[type=submit]");
  await page.waitForURL(`${server.url}/`);
}

async function logIn(page: Page, email: string, count: number): Promise<void> {
  await ask(page, email);
  await page.goto((await server.waitForMail(email, count)).url);
  await page.waitForURL(`${server.url}/`);
}

async function loggedInAs(page: Page): Promise<string | null> {
  const response = await page.request.get(`${server.url}/session`);
  return response.ok() ? ((await response.json()) as { account: { email: string } }).account.email : null;
}

describe.skipIf(missing !== null)(missing ?? "the account page in Chromium", () => {
  beforeAll(async () => {
    [chromium, server] = await Promise.all([launchChromium(), startServer()]);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await chromium?.close();
    await server?.close();
  });

  it("S24: logs out another device, changes the address, then deletes the account: every session ends, a notice arrives, the address signs up afresh", async () => {
    const email = "ada@example.com";
    const laptop = await newPage();
    const phone = await newPage({
      userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile/15E148 Safari/604.1",
    });
    const tablet = await newPage({ userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0" });
    await signUp(laptop, email, 1);
    await logIn(phone, email, 2);
    await logIn(tablet, email, 3);
    expect(await loggedInAs(phone)).toBe(email);

    await laptop.getByRole("link", { name: /Your account/ }).click();
    await laptop.waitForURL(`${server.url}/account`);
    expect(await laptop.locator("h1").textContent()).toBe("Your account");
    const devices = laptop.locator(".device");
    expect(await devices.count()).toBe(3);
    expect(await laptop.locator(".device", { hasText: "(this device)" }).textContent()).toContain("Chrome on Linux");
    await expectAccessible(laptop, "account");
    await capture(laptop, "account");

    // "Log out this device" on the phone's row: the phone's next request is logged out.
    await laptop.getByRole("button", { name: /Log out this device: Safari on iOS/ }).click();
    await laptop.waitForURL(`${server.url}/account?done=revoked`);
    expect(await laptop.getByRole("status").textContent()).toBe("That device is logged out.");
    expect(await devices.count()).toBe(2);
    expect(await loggedInAs(phone)).toBeNull();
    await phone.goto(server.url);
    expect(await phone.locator("h1").textContent()).toBe("Log in or sign up");
    expect(await loggedInAs(tablet)).toBe(email);

    await laptop.emulateMedia({ colorScheme: "dark" });
    await expectAccessible(laptop, "account (dark)");
    await capture(laptop, "account-dark");
    await laptop.emulateMedia({ colorScheme: "light" });

    // A new address, through the link mailed to it: the old address is told.
    const moved = "ada.lovelace@example.com";
    await laptop.getByLabel("New e-mail address").fill(moved);
    await laptop.getByRole("button", { name: "Send a link to the new address" }).click();
    await laptop.waitForURL(`${server.url}/account?done=email-sent`);
    const change = await server.waitForMail(moved, 1);
    expect(change.kind).toBe("email_change");
    await laptop.goto(change.url);
    expect(await laptop.locator("h1").textContent()).toBe("Change the address?");
    await expectAccessible(laptop, "change the address");
    await laptop.getByRole("button", { name: `Use ${moved}` }).click();
    await laptop.getByRole("heading", { name: "Your address is changed" }).waitFor();
    await expectAccessible(laptop, "address changed");
    // The move logged every device out; both log in again, at the new address.
    expect(await loggedInAs(laptop)).toBeNull();
    expect(await loggedInAs(tablet)).toBeNull();
    await logIn(laptop, moved, 2);
    await logIn(tablet, moved, 3);
    expect(await loggedInAs(tablet)).toBe(moved);
    const told = await server.waitForMail(email, 4);
    expect(told).toMatchObject({ kind: "account", subject: "The address of your Sesame account was changed" });
    expect(told.text).toContain("a…@example.com");
    await laptop.goto(`${server.url}/account`);

    // Deleting: the box must be ticked (the browser's own check stops the form without it).
    await laptop.getByRole("button", { name: "Delete my account" }).click();
    expect(laptop.url()).toBe(`${server.url}/account`);
    await laptop.getByLabel("I want to delete my account").check();
    await laptop.getByRole("button", { name: "Delete my account" }).click();
    await laptop.getByRole("heading", { name: "Your account was deleted" }).waitFor();
    await expectAccessible(laptop, "account deleted");
    await capture(laptop, "account-deleted");
    expect(await loggedInAs(laptop)).toBeNull();
    expect(await loggedInAs(tablet)).toBeNull();
    const notice = await server.waitForMail(moved, 4);
    expect(notice).toMatchObject({ kind: "account", subject: "Your Sesame account was deleted" });

    // The address is free: the form now sends a sign-up link, and the new account works.
    await signUp(laptop, moved, 5);
    expect(await loggedInAs(laptop)).toBe(moved);
    expect((await server.mailsTo(moved))[4]!.kind).toBe("signup");
    expect(problems).toEqual([]);
  });
});
