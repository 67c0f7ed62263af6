/** The pages of the home path: the form that asks for a link, the link sent, and signed in. */
import { describe, expect, it } from "vitest";
import { account, attr, auth, context, count, EVIL, EVIL_ESCAPED, inputs } from "./render.check.js";
import { renderPage } from "./render.js";

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
