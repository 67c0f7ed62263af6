/**
 * Sesame in a real browser: Debian's Chromium, driven by playwright-core, against a real
 * `sesame serve` with the file mailer. Every page a flow reaches is checked with axe-core
 * and photographed for the README (docs/screenshots/); one whole flow is done with the
 * keyboard alone. Skipped, saying how to install Chromium, where it is missing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { axeFindings, expectAccessible, expectAnnouncedError, expectFocusVisible, tabTo } from "./browser/accessibility.js";
import { chromiumMissing, launchChromium, PHONE, type Chromium } from "./browser/chromium.js";
import { capture, screenshotsTaken } from "./browser/screenshots.js";
import { startServer, type BrowserServer } from "./browser/server.js";
import { client } from "./process.js";

const missing = chromiumMissing();
if (missing) console.warn(missing);

let chromium: Chromium;
let server: BrowserServer;
const contexts: BrowserContext[] = [];
/** Script errors and anything the Content-Security-Policy blocked, on any page of the current test. */
let pageProblems: string[] = [];

async function newPage(options: Parameters<Chromium["newContext"]>[0] = {}): Promise<Page> {
  const context = await chromium.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (error) => pageProblems.push(`script error: ${error.message}`));
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) pageProblems.push(`blocked: ${message.text()}`);
  });
  return page;
}

/** The 6-digit code a mail carries, on a line of its own in the text part. */
function codeIn(mail: { text: string }): string {
  const code = mail.text.match(/^ {4}(\d{6})$/m)?.[1];
  if (!code) throw new Error(`no code in the mail:\n${mail.text}`);
  return code;
}

/** An account made over plain HTTP, so a browser test can start from "has an account". */
async function signUpOverHttp(email: string, name: string): Promise<void> {
  const http = client(server.url);
  expect((await http("/magic", { email })).status).toBe(303);
  const mail = await server.waitForMail(email, 1);
  expect((await http("/signup", { token: new URL(mail.url).searchParams.get("token")!, name })).status).toBe(303);
}

/** Asks for a link from the home page with the mouse, as most people do. */
async function askForLink(page: Page, email: string): Promise<number> {
  await page.goto(server.url);
  await page.fill("#email", email);
  const [answer] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/magic"),
    page.click("button[type=submit]"),
  ]);
  await page.waitForLoadState();
  return answer.status();
}

async function sessionEmail(page: Page): Promise<string | null> {
  const response = await page.request.get(`${server.url}/session`);
  return response.ok() ? ((await response.json()) as { account: { email: string } }).account.email : null;
}

describe.skipIf(missing !== null)(missing ?? "in Chromium, against sesame serve", () => {
  beforeAll(async () => {
    // A tight limit per address, so one test can run into it; none per client (all tests share 127.0.0.1).
    [chromium, server] = await Promise.all([launchChromium(), startServer({ SESAME_RATE_LIMIT_ADDRESS: "3/3600" })]);
  });

  afterEach(() => {
    // The policy allows exactly what the pages use: a refusal means a page broke it (or it broke a page).
    const problems = pageProblems;
    pageProblems = [];
    expect(problems).toEqual([]);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await chromium?.close();
    await server?.close();
    if (axeFindings.length > 0)
      console.log(`axe (minor and moderate, not failing):\n${axeFindings.map((f) => `  ${f.page}: ${f.id} (${f.impact}) ${f.targets.join(", ")}`).join("\n")}`);
    console.log(`screenshots: ${screenshotsTaken.length} in docs/screenshots/`);
  });

  it("signs up and logs in with the keyboard alone: Tab and Enter, focus always visible, no clicks", async () => {
    const page = await newPage();
    await page.goto(server.url);
    expect(await page.title()).toBe("Log in or sign up · Sesame");
    await expectAccessible(page, "home");
    await capture(page, "home");

    await tabTo(page, "#email");
    await page.keyboard.type("ada@example.com");
    await tabTo(page, "button[type=submit]");
    const post = page.waitForRequest((request) => request.method() === "POST");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/sent`);
    // What Chromium really sends from a page with Referrer-Policy: no-referrer; the app took it (it redirected here).
    expect(await (await post).allHeaders()).toMatchObject({ origin: "null", "sec-fetch-site": "same-origin" });
    expect(await page.locator("h1").textContent()).toBe("Check your inbox");
    expect(await page.textContent("main")).toContain("We sent a sign-up link to ada@example.com");
    await expectAccessible(page, "link sent (sign-up)");
    await capture(page, "link-sent-signup");

    const signupMail = await server.waitForMail("ada@example.com", 1);
    expect(signupMail.kind).toBe("signup");
    await page.goto(signupMail.url); // following the link from the mail
    expect(await page.locator("h1").textContent()).toBe("Create your account");
    await expectAccessible(page, "sign-up details");
    await capture(page, "signup-details");

    // Spaces pass the browser's `required` check but not the server's: its error must be announced.
    await tabTo(page, "#name");
    await page.keyboard.type("   ");
    await page.keyboard.press("Enter");
    await page.waitForLoadState();
    await page.locator("#name-error").waitFor();
    await expectAnnouncedError(page, "#name", "Your name is required.");
    await expectAccessible(page, "sign-up details with an error");
    await capture(page, "signup-error");

    await tabTo(page, "#name");
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("Ada Lovelace");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/`);
    await page.getByRole("heading", { name: "Hello, Ada Lovelace" }).waitFor();
    expect(await sessionEmail(page)).toBe("ada@example.com");
    await expectAccessible(page, "logged in");
    await capture(page, "signed-in");

    await tabTo(page, "button[type=submit]");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Log out");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Log in or sign up" }).waitFor();
    expect(await sessionEmail(page)).toBeNull();

    // Log in by link: asked for here, opened here, so one click (a navigation) is enough.
    await tabTo(page, "#email");
    await page.keyboard.type("ada@example.com");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/sent`);
    expect(await page.textContent("main")).toContain("We sent a login link to ada@example.com");
    await expectAccessible(page, "link sent (login)");
    await capture(page, "link-sent-login");
    const loginMail = await server.waitForMail("ada@example.com", 2);
    expect(loginMail.kind).toBe("login");
    await page.goto(loginMail.url);
    expect(page.url()).toBe(`${server.url}/`); // landed without the token in the address bar
    await page.getByRole("heading", { name: "Hello, Ada Lovelace" }).waitFor();
    expect(await sessionEmail(page)).toBe("ada@example.com");
  });

  it("the home page in dark mode, on a phone and a desktop", async () => {
    const page = await newPage({ colorScheme: "dark" });
    await page.goto(server.url);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(13, 17, 23)");
    await expectAccessible(page, "home (dark)");
    await capture(page, "home-dark");
    // A refused address, in dark mode too: the error is announced and still readable.
    await page.fill("#email", "not-an-address@");
    await page.evaluate(() => document.querySelector("form")?.setAttribute("novalidate", ""));
    await page.click("button[type=submit]");
    await page.locator("#email-error").waitFor();
    await expectAnnouncedError(page, "#email", /./);
    await page.focus("#email");
    await expectFocusVisible(page);
    await expectAccessible(page, "home with an error (dark)");
    await capture(page, "home-error-dark");
  });

  it("an expired link says so, and a new one can be asked for on the same page", async () => {
    const page = await newPage();
    expect(await askForLink(page, "grace@example.com")).toBe(303);
    const first = await server.waitForMail("grace@example.com", 1);
    server.expireLinksTo("grace@example.com");

    const opened = await page.goto(first.url);
    expect(opened?.status()).toBe(410);
    expect(await page.locator("h1").textContent()).toBe("This sign-up link has expired");
    await expectAccessible(page, "link expired");
    await capture(page, "link-expired");

    await page.fill("#email", "grace@example.com");
    await page.click("button[type=submit]");
    await page.waitForURL(`${server.url}/sent`);
    const second = await server.waitForMail("grace@example.com", 2);
    expect(second.url).not.toBe(first.url);
    await page.goto(second.url);
    expect(await page.locator("h1").textContent()).toBe("Create your account");
  });

  it("too many requests for one address get a page that says when to try again", async () => {
    const page = await newPage();
    for (let i = 0; i < 3; i++) expect(await askForLink(page, "rita@example.com")).toBe(303);
    expect(await askForLink(page, "rita@example.com")).toBe(429);
    expect(await page.locator("h1").textContent()).toBe("Please wait a moment");
    expect(await page.textContent("main")).toMatch(/Try again in \d+ minutes/);
    expect(await server.mailsTo("rita@example.com")).toHaveLength(3);
    await expectAccessible(page, "rate limited");
    await capture(page, "rate-limited");
  });

  it("the 6-digit code typed on the waiting page logs in; a wrong code is announced", async () => {
    await signUpOverHttp("cody@example.com", "Cody");
    const page = await newPage();
    expect(await askForLink(page, "cody@example.com")).toBe(303);
    const mail = await server.waitForMail("cody@example.com", 2);
    const code = codeIn(mail);

    const wrong = code === "000000" ? "111111" : "000000";
    await page.fill("#code", wrong);
    await page.getByRole("button", { name: "Continue with the code" }).click();
    await page.locator("#code-error").waitFor();
    await expectAnnouncedError(page, "#code", "That code is not right. 4 tries left.");
    await expectAccessible(page, "wrong code");
    await capture(page, "code-error");

    await page.fill("#code", `${code.slice(0, 3)} ${code.slice(3)}`);
    await page.getByRole("button", { name: "Continue with the code" }).click();
    await page.waitForURL(`${server.url}/`);
    await page.getByRole("heading", { name: "Hello, Cody" }).waitFor();
    expect(await sessionEmail(page)).toBe("cody@example.com");
  });

  it("S26: approved from a second browser (a phone) with the number the waiting page shows, the waiting page continues by itself and the owner is told by mail", async () => {
    await signUpOverHttp("april@example.com", "April");
    const asking = await newPage();
    expect(await askForLink(asking, "april@example.com")).toBe(303);
    const mail = await server.waitForMail("april@example.com", 2);
    const number = (await asking.locator("#approval-number").textContent())?.trim() ?? "";
    expect(number).toMatch(/^[0-9]{2}$/);

    const phone = await newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await phone.goto(mail.url);
    expect(await phone.locator("h1").textContent()).toBe("Log in as april@example.com?");
    const main = await phone.textContent("main");
    expect(main).toMatch(/says it is .*Linux/);
    expect(main).toContain("Approve only if you asked on another device just now and see a number there.");
    expect(main).toMatch(/on the network 127\.0\.0\.x/);
    // The number is never on the approving page: it has to be typed from the other screen.
    expect(await phone.content()).not.toContain(`>${number}<`);
    await expectAccessible(phone, "confirm login (another device)");
    await capture(phone, "confirm-login");

    await phone.getByLabel("The number shown on the other device").fill(number);
    await phone.getByRole("button", { name: "Approve the other device" }).click();
    await phone.getByRole("heading", { name: "Login approved" }).waitFor();
    await expectAccessible(phone, "approved");
    await capture(phone, "approved");
    expect(await sessionEmail(phone)).toBeNull(); // approving does not log the phone in

    // The waiting page's script polls POST /continue and moves on once it sees the approval.
    await asking.waitForURL(`${server.url}/`, { timeout: 30_000 });
    await asking.getByRole("heading", { name: "Hello, April" }).waitFor();
    expect(await sessionEmail(asking)).toBe("april@example.com");

    const notice = await server.waitForMail("april@example.com", 3);
    expect(notice.kind).toBe("notice");
    expect(notice.subject).toBe("New login to Sesame");
    expect(notice.text).toContain("by an approval from another device");
    expect(notice.text).toMatch(/Browser: Chrome on Linux/);
    expect(notice.text).toContain("Network: 127.0.0.x");
  });

  it("S26: a wrong number typed three times on the phone kills the request, and the waiting page says so", async () => {
    await signUpOverHttp("wanda@example.com", "Wanda");
    const asking = await newPage();
    expect(await askForLink(asking, "wanda@example.com")).toBe(303);
    const mail = await server.waitForMail("wanda@example.com", 2);
    const number = (await asking.locator("#approval-number").textContent())?.trim() ?? "";
    const wrong = number === "00" ? "11" : "00";

    const phone = await newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await phone.goto(mail.url);
    for (const left of ["2 tries left", "1 try left"]) {
      await phone.getByLabel("The number shown on the other device").fill(wrong);
      await phone.getByRole("button", { name: "Approve the other device" }).click();
      await phone.getByText(`That is not the number shown on the other device. ${left}.`).waitFor();
    }
    await expectAccessible(phone, "approval: wrong number");
    await phone.getByLabel("The number shown on the other device").fill(wrong);
    await phone.getByRole("button", { name: "Approve the other device" }).click();
    await phone.getByRole("heading", { name: "Request cancelled" }).waitFor();

    await asking.waitForFunction(() => document.getElementById("approval-status")?.textContent?.includes("cancelled"), undefined, { timeout: 30_000 });
    expect(await sessionEmail(asking)).toBeNull();
    // The right number is no use now either.
    const reopened = await phone.goto(mail.url);
    expect(reopened?.status()).toBe(410);
  });

  it("Not me from a second browser cancels the request, and the waiting page says so", async () => {
    await signUpOverHttp("dennis@example.com", "Dennis");
    const asking = await newPage();
    expect(await askForLink(asking, "dennis@example.com")).toBe(303);
    const mail = await server.waitForMail("dennis@example.com", 2);

    const other = await newPage();
    await other.goto(mail.url);
    await other.getByRole("button", { name: "Not me: cancel this request" }).click();
    await other.getByRole("heading", { name: "Request cancelled" }).waitFor();
    await expectAccessible(other, "denied");
    await capture(other, "denied");

    const status = asking.locator("#approval-status");
    expect(await status.getAttribute("aria-live")).toBe("polite");
    await asking.waitForFunction(() => document.getElementById("approval-status")?.textContent?.includes("cancelled"), undefined, { timeout: 30_000 });
    expect(await status.textContent()).toBe("The request was cancelled on the other device.");
    expect(await sessionEmail(asking)).toBeNull();
    const reopened = await other.goto(mail.url);
    expect(reopened?.status()).toBe(410);
  });

  it("the login e-mail, shown as a mail program would: HTML from the mail file, no page policy", async () => {
    await signUpOverHttp("mae@example.com", "Mae");
    const asking = await newPage();
    expect(await askForLink(asking, "mae@example.com")).toBe(303);
    const mail = await server.waitForMail("mae@example.com", 2);
    const code = codeIn(mail);
    const token = new URL(mail.url).searchParams.get("token")!;
    // Fixed stand-ins for the server's port, the live token and the code: the picture is the same on every run.
    const html = mail.html.replaceAll(server.url, "https://sesame.example").replaceAll(token, "x7Kq2mVtR9cLwA4bN8eHjY3sD6fGpZ1u").replaceAll(code, "482913");
    const page = await newPage();
    await page.setContent(html);
    expect(await page.locator("a", { hasText: "Log in" }).first().getAttribute("href")).toContain("/login?token=");
    await expectAccessible(page, "login e-mail");
    await capture(page, "mail-login");
  });
});
