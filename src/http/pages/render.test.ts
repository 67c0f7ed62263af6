import { describe, expect, it } from "vitest";
import type { LinkKind, TokenFailure } from "../../core/ports.js";
import type { ResolvedSignupField } from "../../options.js";
import { renderPage } from "./render.js";
import type { PageContext, PageState } from "./state.js";
import { renderStylesheet } from "./style.js";

const context: PageContext = { appName: "Sesame", basePath: "/" };
const auth: PageContext = { appName: "Acme", basePath: "/auth/" };
const EVIL = "<script>alert(1)</script>";
const EVIL_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

const fields: ResolvedSignupField[] = [
  { name: "name", label: "Your name", required: true, maxLength: 80, autocomplete: "name" },
  { name: "company", label: "Company", required: false, maxLength: 120, autocomplete: undefined },
];

const account = { id: "a1", email: "ann@example.com", name: "Ann", profile: {}, createdAt: 0 };

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

function count(html: string, pattern: RegExp): number {
  return html.match(new RegExp(pattern.source, "g"))?.length ?? 0;
}

/** Every `<input>` tag in the document. */
function inputs(html: string): string[] {
  return html.match(/<input\b[^>]*>/g) ?? [];
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

describe("every page", () => {
  for (const state of everyState) {
    const label = `${state.page} ${JSON.stringify(state).slice(0, 80)}`;

    it(`is a complete, script-free document: ${label}`, () => {
      const html = renderPage(state, context);
      expect(html.startsWith("<!doctype html>")).toBe(true);
      expect(html).toContain('<html lang="en">');
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

describe("home", () => {
  it("has one form posting an e-mail address to magic, with a honeypot", () => {
    const html = renderPage({ page: "home" }, context);
    expect(html).toContain("<h1>Log in or sign up</h1>");
    expect(count(html, /<form\b/)).toBe(1);
    expect(html).toContain('<form method="post" action="/magic">');
    const email = inputs(html).find((tag) => attr(tag, "name") === "email");
    expect(email).toBeDefined();
    expect(attr(email!, "type")).toBe("email");
    expect(attr(email!, "id")).toBe("email");
    expect(attr(email!, "autocomplete")).toBe("email");
    expect(email).toMatch(/\srequired/);
    expect(email).not.toContain("aria-invalid");
    expect(html).toContain('<label for="email">');
    expect(html).not.toContain('role="alert"');
    expect(html).toContain("We&#39;ll e-mail you a link: a sign-up link if the address is new, a login link if it has an account.");
    expect(html).toMatch(/<button type="submit">Continue with e-mail<\/button>/);
  });

  it("has a honeypot named website, off-screen, out of the tab order and hidden from assistive technology", () => {
    const html = renderPage({ page: "home" }, context);
    expect(html).toMatch(/<div class="hp" aria-hidden="true"><label for="website">Leave this field empty<\/label><input [^>]*name="website"/);
    const honeypot = inputs(html).find((tag) => attr(tag, "name") === "website")!;
    expect(attr(honeypot, "type")).toBe("text");
    expect(attr(honeypot, "tabindex")).toBe("-1");
    expect(attr(honeypot, "autocomplete")).toBe("off");
    expect(honeypot).not.toMatch(/\srequired/);
  });

  it("prefills the address and points the input at its error", () => {
    const html = renderPage({ page: "home", email: "ann@example.com", error: "That address looks incomplete." }, context);
    const email = inputs(html).find((tag) => attr(tag, "name") === "email")!;
    expect(attr(email, "value")).toBe("ann@example.com");
    expect(attr(email, "aria-invalid")).toBe("true");
    expect(attr(email, "aria-describedby")).toBe("email-error");
    expect(html).toMatch(/<p class="error" role="alert" id="email-error">That address looks incomplete.<\/p>/);
  });

  it("escapes the address and the error", () => {
    const html = renderPage({ page: "home", email: `"><script>alert(1)</script>`, error: EVIL }, context);
    expect(html).not.toContain("<script");
    expect(html).toContain(EVIL_ESCAPED);
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;');
  });
});

describe("signed-in", () => {
  it("names the account and offers to log out", () => {
    const html = renderPage({ page: "signed-in", account }, auth);
    expect(html).toContain("You are logged in as <strong>ann@example.com</strong>");
    expect(html).toContain("Ann");
    expect(html).toContain('<form method="post" action="/auth/logout"><button type="submit">Log out</button></form>');
  });

  it("works without a name, and escapes name and address", () => {
    expect(renderPage({ page: "signed-in", account: { ...account, name: null } }, context)).not.toContain("Hello");
    const html = renderPage({ page: "signed-in", account: { ...account, name: EVIL, email: EVIL } }, context);
    expect(html).not.toContain("<script");
    expect(html).toContain(EVIL_ESCAPED);
  });
});

describe("link-sent", () => {
  it("says plainly that a login link went to the address", () => {
    const html = renderPage({ page: "link-sent", kind: "login", email: "ann@example.com" }, context);
    expect(html).toContain("<h1>Check your inbox</h1>");
    expect(html).toContain("We sent a login link to <strong>ann@example.com</strong>. It works once and expires soon.");
    expect(html).not.toMatch(/sign-up/i);
    expect(html).not.toContain("No account uses this address yet");
  });

  it("makes it unmistakable that a sign-up link went out, with a way back", () => {
    const html = renderPage({ page: "link-sent", kind: "signup", email: "new@example.com" }, auth);
    expect(html).toContain("We sent a sign-up link to <strong>new@example.com</strong>.");
    expect(html).toContain("No account uses this address yet — if you meant to log in, check the address.");
    expect(html).toMatch(/<a [^>]*href="\/auth\/"[^>]*>Use a different address<\/a>/);
    expect(html).not.toContain("login link");
  });

  it("escapes the address", () => {
    for (const kind of ["login", "signup"] as const) {
      const html = renderPage({ page: "link-sent", kind, email: EVIL }, context);
      expect(html).not.toContain("<script");
      expect(html).toContain(`<strong>${EVIL_ESCAPED}</strong>`);
    }
  });
});

describe("confirm-login", () => {
  it("names the full address and posts the token to login", () => {
    const html = renderPage({ page: "confirm-login", token: "tok_abc-123", email: "ann@example.com" }, auth);
    expect(html).toContain("<h1>Log in as ann@example.com?</h1>");
    expect(html).toContain('<form method="post" action="/auth/login">');
    expect(html).toMatch(/<input type="hidden" name="token" value="tok_abc-123"\/?>/);
    expect(html).toMatch(/<button type="submit">Log in on this device<\/button>/);
    expect(html).toContain("If you did not ask to log in, close this page; nothing happens.");
    expect(count(html, /<form\b/)).toBe(1);
  });

  it("escapes the token and the address", () => {
    const html = renderPage({ page: "confirm-login", token: `"><script>x</script>`, email: EVIL }, context);
    expect(html).not.toContain("<script");
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
  });
});

describe("confirm-login for a request from another browser (S26)", () => {
  const requester = { device: "Safari on iOS", ago: "3 minutes ago", at: { iso: "2030-01-01T12:00:00.000Z", text: "12:00 UTC" }, network: "203.0.113.x" };

  it("S26: asks to type the number, says what approving does and when not to, and shows when, browser and network", () => {
    const html = renderPage({ page: "confirm-login", token: "tok_abc", email: "ann@example.com", requester }, context);
    // A field to type into, never a list to pick from.
    expect(html).toMatch(/<input type="text" name="number" id="number" inputmode="numeric"/);
    expect(html).not.toMatch(/<select|type="radio"/);
    expect(html).toContain("Approve only if you asked on another device just now and see a number there.");
    expect(html).toContain("Approving logs that device in to your account.");
    expect(html).toContain('<time datetime="2030-01-01T12:00:00.000Z">12:00 UTC</time>');
    expect(html).toContain("says it is <strong>Safari on iOS</strong>");
    expect(html).toContain("<strong>203.0.113.x</strong>");
    // "Log in on this device" stays one press: its form holds the token and a button, nothing to type.
    const login = html.slice(html.indexOf('action="/login"'), html.indexOf("</form>", html.indexOf('action="/login"')));
    expect(login).not.toContain('name="number"');
    expect(count(html, /<form\b/)).toBe(3);
  });

  it("shows what was wrong with the number, tied to its field", () => {
    const html = renderPage({ page: "confirm-login", token: "tok_abc", email: "ann@example.com", requester, numberError: "Wrong." }, context);
    expect(html).toContain('aria-describedby="number-error"');
    expect(html).toContain('<p class="error" role="alert" id="number-error">Wrong.</p>');
  });
});

describe("signup-details", () => {
  const state: PageState = {
    page: "signup-details",
    token: "tok_456",
    email: "new@example.com",
    fields,
    values: { name: "Ann", company: "" },
    errors: { name: "Enter your name.", company: "Keep it under 120 characters." },
  };

  it("renders the form for the address, with the token", () => {
    const html = renderPage(state, auth);
    expect(html).toContain("<h1>Create your account</h1>");
    expect(html).toContain("<strong>new@example.com</strong>");
    expect(html).toContain('<form method="post" action="/auth/signup">');
    expect(html).toMatch(/<input type="hidden" name="token" value="tok_456"\/?>/);
    expect(html).toMatch(/<button type="submit">Create account<\/button>/);
  });

  it("renders each field with its label, limits, value and error", () => {
    const html = renderPage(state, context);
    const name = inputs(html).find((tag) => attr(tag, "name") === "name")!;
    expect(html).toContain('<label for="name">Your name</label>');
    expect(attr(name, "id")).toBe("name");
    expect(attr(name, "maxlength")).toBe("80");
    expect(name).toMatch(/\srequired/);
    expect(attr(name, "autocomplete")).toBe("name");
    expect(attr(name, "value")).toBe("Ann");
    expect(attr(name, "aria-invalid")).toBe("true");
    expect(attr(name, "aria-describedby")).toBe("name-error");
    expect(html).toContain('<p class="error" role="alert" id="name-error">Enter your name.</p>');

    const company = inputs(html).find((tag) => attr(tag, "name") === "company")!;
    expect(html).toMatch(/<label for="company">Company<span class="optional"> \(optional\)<\/span><\/label>/);
    expect(attr(company, "maxlength")).toBe("120");
    expect(company).not.toMatch(/\srequired/);
    expect(company).not.toContain("autocomplete");
    expect(attr(company, "aria-describedby")).toBe("company-error");
    expect(html).toContain('<p class="error" role="alert" id="company-error">Keep it under 120 characters.</p>');
  });

  it("marks nothing invalid without errors", () => {
    const html = renderPage({ ...state, values: {}, errors: {} }, context);
    expect(html).not.toContain("aria-invalid");
    expect(html).not.toContain('role="alert"');
    expect(attr(inputs(html).find((tag) => attr(tag, "name") === "name")!, "value")).toBe("");
  });

  it("escapes values, errors and the address", () => {
    const html = renderPage({ ...state, email: EVIL, values: { name: `"><script>alert(1)</script>` }, errors: { name: EVIL } }, context);
    expect(html).not.toContain("<script");
    expect(html).toContain(EVIL_ESCAPED);
  });
});

describe("link-problem", () => {
  const cases: [TokenFailure, LinkKind, RegExp][] = [
    ["invalid", "login", /not valid/],
    ["invalid", "signup", /not valid/],
    ["expired", "login", /expired/],
    ["expired", "signup", /expired/],
    ["used", "login", /already used/],
    ["used", "signup", /already used/],
  ];

  for (const [reason, kind, heading] of cases) {
    it(`explains a ${reason} ${kind} link and offers a new one`, () => {
      const html = renderPage({ page: "link-problem", kind, reason }, auth);
      const h1 = /<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? "";
      expect(h1).toMatch(heading);
      expect(h1).toContain(kind === "login" ? "login link" : "sign-up link");
      expect(html).toContain('<form method="post" action="/auth/magic">');
      expect(inputs(html).some((tag) => attr(tag, "name") === "email" && attr(tag, "type") === "email")).toBe(true);
      expect(inputs(html).some((tag) => attr(tag, "name") === "website")).toBe(true);
      expect(html).toMatch(/<button type="submit">Send a new link<\/button>/);
    });
  }

  it("says what each problem means", () => {
    const text = (reason: TokenFailure, kind: LinkKind) => renderPage({ page: "link-problem", kind, reason }, context);
    expect(text("invalid", "login")).toContain("incomplete");
    expect(text("expired", "login")).toContain("minutes");
    expect(text("expired", "signup")).toContain("hours");
    expect(text("used", "login")).toContain("work once");
  });
});

describe("account-exists", () => {
  it("offers a login link for the address", () => {
    const html = renderPage({ page: "account-exists", email: "ann@example.com" }, auth);
    expect(html).toContain("An account already uses");
    expect(html).toContain("ann@example.com");
    expect(html).toContain('<form method="post" action="/auth/magic">');
    expect(html).toMatch(/<input type="hidden" name="email" value="ann@example.com"\/?>/);
    expect(inputs(html).some((tag) => attr(tag, "name") === "website")).toBe(true);
    expect(html).toMatch(/<button type="submit">Send me a login link<\/button>/);
  });

  it("escapes the address", () => {
    const html = renderPage({ page: "account-exists", email: EVIL }, context);
    expect(html).not.toContain("<script");
    expect(html).toContain(EVIL_ESCAPED);
  });
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
          { ...base, id: 2, sentAt: Date.UTC(2024, 0, 2, 3, 4, 5), to: "bob@example.com", subject: "Second", kind: "signup", text: "Sign up:\nhttps://example.com/signup?token=b", url: "https://example.com/signup?token=b&x=1" },
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
    expect(STYLESHEET).toMatch(/\.hp \{[^}]*position: absolute;[^}]*left: -10000px;[^}]*width: 1px;[^}]*height: 1px;[^}]*overflow: hidden;/);
    expect(STYLESHEET).toContain("min-height: 44px");
    expect(STYLESHEET).not.toContain("url(");
    expect(STYLESHEET).not.toContain("@import");
  });
});
