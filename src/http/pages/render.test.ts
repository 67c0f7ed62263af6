/**
 * The pages: what holds on every page (a complete, script-free document, labelled inputs,
 * everything under the base path), the error page, the development mailbox and the
 * stylesheet. The pages of the home path: render-home.test.ts; the pages a mailed link
 * opens: render-link.test.ts.
 */
import { describe, expect, it } from "vitest";
import { account, attr, auth, context, count, EVIL, EVIL_ESCAPED, fields, inputs } from "./render.check.js";
import { renderPage } from "./render.js";
import type { PageState } from "./state.js";
import { renderStylesheet } from "./style.js";

/** One state of every page (and every variant), for the checks that hold on all pages. */
const everyState: PageState[] = [
  { page: "home" },
  { page: "home", email: "ann@example.com", error: "Enter an e-mail address." },
  { page: "signed-in", account },
  { page: "signed-in", account: { ...account, name: null } },
  { page: "link-sent", kind: "login", email: "ann@example.com" },
  { page: "link-sent", kind: "signup", email: "ann@example.com" },
  { page: "confirm-login", token: "tok_123", email: "ann@example.com" },
  {
    page: "confirm-login",
    token: "tok_123",
    email: "ann@example.com",
    requester: { device: "Safari on iOS", ago: "just now", at: { iso: "2030-01-01T12:00:00.000Z", text: "12:00 UTC" }, network: "203.0.113.x" },
    numberError: "That is not the number shown on the other device. 2 tries left.",
  },
  {
    page: "signup-details",
    token: "tok_456",
    email: "ann@example.com",
    fields,
    values: { name: "Ann" },
    errors: { company: "Too long." },
  },
  ...(["invalid", "expired", "used"] as const).flatMap((reason) =>
    (["login", "signup"] as const).map((kind): PageState => ({ page: "link-problem", kind, reason })),
  ),
  { page: "account-exists", email: "ann@example.com" },
  { page: "error", title: "Something went wrong", message: "Please try again." },
  { page: "dev-mailbox", messages: [] },
  {
    page: "dev-mailbox",
    messages: [
      {
        id: 2,
        sentAt: Date.UTC(2024, 0, 2, 3, 4, 5),
        to: "ann@example.com",
        kind: "login",
        subject: "Your login link",
        text: "Log in: https://example.com/login?token=abc",
        html: "<p>Log in</p>",
        url: "https://example.com/login?token=abc",
      },
    ],
  },
];

describe("every page", () => {
  for (const state of everyState) {
    const label = `${state.page} ${JSON.stringify(state).slice(0, 80)}`;

    it(`is a complete, script-free document: ${label}`, () => {
      const html = renderPage(state, context);
      expect(html.startsWith("<!doctype html>")).toBe(true);
      expect(html).toContain('<html lang="en" dir="ltr">');
      expect(html).toContain('<meta charset="utf-8"');
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"');
      expect(html).toContain('<meta name="color-scheme" content="light dark"');
      expect(html).toContain('<link rel="stylesheet" href="/assets/sesame.css"');
      expect(html).toMatch(/<title>[^<]+ · Sesame<\/title>/);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/\sstyle=/i);
      expect(html).not.toMatch(/<style/i);
      expect(html).not.toMatch(/\son[a-z]+=/i);
      expect(count(html, /<main\b/)).toBe(1);
      expect(count(html, /<h1\b/)).toBe(1);
    });

    it(`labels every visible input and uses submit buttons: ${label}`, () => {
      const html = renderPage(state, context);
      for (const input of inputs(html)) {
        if (attr(input, "type") === "hidden") continue;
        const id = attr(input, "id");
        expect(id, input).toBeDefined();
        expect(html).toContain(`<label for="${id}"`);
      }
      for (const button of html.match(/<button\b[^>]*>/g) ?? []) expect(button).toContain('type="submit"');
      for (const form of html.match(/<form\b[^>]*>/g) ?? []) {
        expect(form).toContain('method="post"');
        expect(form).not.toContain("enctype");
      }
    });

    it(`puts every form and link under the base path: ${label}`, () => {
      const html = renderPage(state, auth);
      for (const form of html.match(/<form\b[^>]*>/g) ?? []) {
        expect(attr(form, "action")).toMatch(/^\/auth\/(magic|login|signup|logout|approve|deny|code|continue)$/);
      }
      for (const link of html.match(/<a\b[^>]*>/g) ?? []) {
        const href = attr(link, "href") ?? "";
        if (href.startsWith("https://example.com/")) continue; // the dev mailbox shows mailed links
        expect(href).toMatch(/^\/auth\/((magic|login|signup|logout)$)?/);
      }
      expect(html).toContain('<link rel="stylesheet" href="/auth/assets/sesame.css"');
      expect(html).toMatch(/<title>[^<]+ · Acme<\/title>/);
    });
  }
});

describe("error", () => {
  it("shows the title and message, and a way home", () => {
    const html = renderPage({ page: "error", title: "Too many requests", message: "Wait a minute and try again." }, auth);
    expect(html).toContain("<h1>Too many requests</h1>");
    expect(html).toContain("Wait a minute and try again.");
    expect(html).toContain("<title>Too many requests · Acme</title>");
    expect(html).toMatch(/<a [^>]*href="\/auth\/"/);
  });

  it("escapes the title and message", () => {
    const html = renderPage({ page: "error", title: EVIL, message: EVIL }, context);
    expect(html).not.toContain("<script");
    expect(html).toContain(`<h1>${EVIL_ESCAPED}</h1>`);
  });
});

describe("dev-mailbox", () => {
  it("warns that it is for development and says when there is no mail", () => {
    const html = renderPage({ page: "dev-mailbox", messages: [] }, context);
    expect(html).toContain("<h1>Development mailbox</h1>");
    expect(html).toMatch(/class="warning"/);
    expect(html).toContain("development mailer");
    expect(html).toContain("No mail yet.");
  });

  it("lists messages in the order given, with time, recipient, subject, kind, link and text", () => {
    const base = { html: "<p>x</p>", kind: "login" as const };
    const html = renderPage(
      {
        page: "dev-mailbox",
        messages: [
          {
            ...base,
            id: 2,
            sentAt: Date.UTC(2024, 0, 2, 3, 4, 5),
            to: "bob@example.com",
            subject: "Second",
            kind: "signup",
            text: "Sign up:\nhttps://example.com/signup?token=b",
            url: "https://example.com/signup?token=b&x=1",
          },
          { ...base, id: 1, sentAt: Date.UTC(2024, 0, 1), to: "ann@example.com", subject: "First", text: "Log in", url: "https://example.com/login?token=a" },
        ],
      },
      context,
    );
    expect(html).not.toContain("No mail yet.");
    expect(html.indexOf("Second")).toBeLessThan(html.indexOf("First"));
    expect(html).toContain("2024-01-02T03:04:05.000Z");
    expect(html).toContain("bob@example.com");
    expect(html).toContain("sign-up");
    expect(html).toContain('<a href="https://example.com/signup?token=b&amp;x=1">');
    expect(html).toContain("<pre>Sign up:\nhttps://example.com/signup?token=b</pre>");
  });

  it("escapes everything a message carries, and links only web URLs", () => {
    const html = renderPage(
      {
        page: "dev-mailbox",
        messages: [{ id: 1, sentAt: 0, to: EVIL, subject: EVIL, kind: "login", text: EVIL, html: EVIL, url: "javascript:alert(1)" }],
      },
      context,
    );
    expect(html).not.toContain("<script");
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain(`<pre>${EVIL_ESCAPED}</pre>`);
  });
});

describe("the stylesheet", () => {
  const STYLESHEET = renderStylesheet();
  it("has the accent, dark mode, focus outlines and the off-screen honeypot", () => {
    expect(STYLESHEET).toContain("--accent:");
    expect(STYLESHEET).toContain("@media (prefers-color-scheme: dark)");
    expect(STYLESHEET).toContain(":focus-visible");
    expect(STYLESHEET).toMatch(/\.hp \{[^}]*position: absolute;[^}]*inset-inline-start: -10000px;[^}]*width: 1px;[^}]*height: 1px;[^}]*overflow: hidden;/);
    expect(STYLESHEET).toContain("min-height: 44px");
    expect(STYLESHEET).not.toContain("url(");
    expect(STYLESHEET).not.toContain("@import");
  });
});
