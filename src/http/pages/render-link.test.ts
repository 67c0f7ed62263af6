/**
 * The pages a mailed link opens: confirming a login (and approving another browser's
 * request, S26), the sign-up details, a link that does not work, an account that exists.
 */
import { describe, expect, it } from "vitest";
import type { LinkKind, TokenFailure } from "../../core/ports.js";
import { attr, auth, context, count, EVIL, EVIL_ESCAPED, fields, inputs } from "./render.check.js";
import { renderPage } from "./render.js";
import type { PageState } from "./state.js";

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
    expect(
      attr(
        inputs(html).find((tag) => attr(tag, "name") === "name")!,
        "value",
      ),
    ).toBe("");
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
