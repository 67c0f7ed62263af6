import { describe, expect, it } from "vitest";
import { describeDuration, describeTimeLeft, escapeHtml, renderLinkMail } from "./templates.js";

const URL_SIMPLE = "https://app.example/auth/login?token=AbC-123_xyzAbC-123_xyzAbC-123_xyzAbC-123_x";

function render(overrides: Partial<Parameters<typeof renderLinkMail>[0]> = {}) {
  return renderLinkMail({
    kind: "login",
    to: "ada@example.com",
    url: URL_SIMPLE,
    validFor: "10 minutes",
    appName: "Example",
    ...overrides,
  });
}

/** Hrefs and visible text of the HTML, decoded the way a mail client would. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => unescape(m[1] ?? ""));
}
function unescape(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

describe("renderLinkMail", () => {
  it.each(["signup", "login"] as const)("puts the exact %s URL in the text and in the HTML (button and copyable text)", (kind) => {
    const mail = render({ kind });
    expect(mail.text.split("\n")).toContain(URL_SIMPLE);
    expect(hrefs(mail.html)).toEqual([URL_SIMPLE, URL_SIMPLE]);
    // Shown as text too, so it can be copied when the button does not work.
    expect(mail.html).toContain(`>${URL_SIMPLE}</a>`);
  });

  it("escapes URL characters that are special in HTML but keeps the text version literal", () => {
    const url = 'https://app.example/auth?a=1&b="2"&c=<3>';
    const mail = render({ url });
    expect(mail.text).toContain(url);
    expect(mail.html).not.toContain(url);
    expect(mail.html).toContain("https://app.example/auth?a=1&amp;b=&quot;2&quot;&amp;c=&lt;3&gt;");
    expect(hrefs(mail.html)).toEqual([url, url]);
  });

  it("escapes the app name and the address in the HTML", () => {
    const mail = render({ appName: `<script>alert("x")</script>`, to: `o'brien<b>@example.com` });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<b>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(mail.html).toContain("o&#39;brien&lt;b&gt;@example.com");
    // The text part is not HTML and keeps the name as written.
    expect(mail.text).toContain(`<script>alert("x")</script>`);
  });

  it("refuses non-http(s) links, which would become script or data URLs in the href", () => {
    expect(() => render({ url: "javascript:alert(1)" })).toThrow(TypeError);
    expect(() => render({ url: "data:text/html,hi" })).toThrow(TypeError);
    expect(() => render({ url: "http://localhost:8787/x" })).not.toThrow();
  });

  it("keeps line breaks in the app name out of the subject header", () => {
    const mail = render({ appName: "Evil\r\nBcc: victim@example.com" });
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).toBe("Your login link for Evil Bcc: victim@example.com");
  });

  it("gives sign-up and login different subjects naming the app", () => {
    const signup = render({ kind: "signup" });
    const login = render({ kind: "login" });
    expect(signup.subject).toBe("Finish signing up for Example");
    expect(login.subject).toBe("Your login link for Example");
    expect(signup.html).toContain(">Finish signing up</a>");
    expect(login.html).toContain(">Log in</a>");
  });

  it("says how long the link is valid, in both parts", () => {
    for (const kind of ["signup", "login"] as const) {
      const mail = render({ kind, validFor: "8 hours" });
      expect(mail.text).toContain("valid for 8 hours");
      expect(mail.html).toContain("valid for 8 hours");
    }
  });

  it("says a login link works only once, and does not claim so for sign-up", () => {
    expect(render({ kind: "login" }).text).toContain("can be used only once");
    expect(render({ kind: "login" }).html).toContain("can be used only once");
    expect(render({ kind: "signup" }).text).not.toContain("only once");
  });

  it("S26: tells someone who did not ask to ignore the mail, never to share the code and never to approve, and promises nothing it cannot keep", () => {
    const login = render({ kind: "login" });
    const signup = render({ kind: "signup" });
    expect(login.text).toContain("If you did not ask for this, ignore this email and do not approve any request: nothing happens without you.");
    expect(login.html).toContain("If you did not ask for this, ignore this email and do not approve any request: nothing happens without you.");
    expect(login.text).toContain("Never share this link or the code, and never approve a login you did not ask for yourself");
    expect(signup.text).toContain("If you did not ask for this, you can safely ignore this email: no account is created.");
    expect(signup.text).toContain("Never share this link or the code with anyone.");
    // A code or an approval also logs in, so "nobody can log in without this link" is no longer true.
    for (const mail of [login, signup]) {
      expect(mail.text).not.toMatch(/nobody can (log|sign) (in|up) .*without this link/i);
      expect(mail.html).not.toMatch(/nobody can (log|sign) (in|up) .*without this link/i);
    }
  });

  it("names the recipient so a misdirected mail is recognisable", () => {
    const mail = render({ to: "grace@example.com" });
    expect(mail.text).toContain("grace@example.com");
    expect(mail.html).toContain("grace@example.com");
  });

  it("loads nothing from elsewhere and uses a table layout with inline styles", () => {
    const { html } = render();
    expect(html).not.toMatch(/<img|<link|<script|@import|url\(/i);
    expect(html).not.toMatch(/<style/i);
    expect(html).toMatch(/<table role="presentation"/);
    // The only URLs are the link itself: button href, copyable href and its visible text.
    expect(html.match(/https?:\/\//g)).toEqual(["https://", "https://", "https://"]);
    expect(html.split(URL_SIMPLE)).toHaveLength(4);
  });
});

describe("escapeHtml", () => {
  it("escapes the five HTML-special characters and nothing else", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
    expect(escapeHtml("plain text: é ü 10/10")).toBe("plain text: é ü 10/10");
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });
});

describe("describeDuration", () => {
  it.each([
    [10 * 60_000, "10 minutes"],
    [60_000, "1 minute"],
    [3_600_000, "1 hour"],
    [8 * 3_600_000, "8 hours"],
    [90_000, "90 seconds"],
    [1_000, "1 second"],
    [86_400_000, "1 day"],
    [7 * 86_400_000, "7 days"],
    [36 * 3_600_000, "36 hours"],
    [90 * 60_000, "90 minutes"],
  ])("%i ms is %s", (ms, text) => {
    expect(describeDuration(ms)).toBe(text);
  });

  it("rounds durations that fit no unit down to whole minutes, never promising extra time", () => {
    expect(describeDuration(10 * 60_000 + 500)).toBe("10 minutes");
    expect(describeDuration(119_999)).toBe("1 minute");
  });

  it("never says zero for a short odd duration", () => {
    expect(describeDuration(1_500)).toBe("1 second");
    expect(describeDuration(250)).toBe("1 second");
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])("rejects %s", (ms) => {
    expect(() => describeDuration(ms)).toThrow(RangeError);
  });
});

describe("describeTimeLeft", () => {
  it.each([
    [10 * 60_000 - 50, "10 minutes"],
    [10 * 60_000 - 6_000, "9 minutes"],
    [60_000, "1 minute"],
    [59_400, "1 minute"],
    [30_500, "30 seconds"],
    [8 * 3_600_000 - 200, "8 hours"],
    [8 * 3_600_000 - 9 * 60_000, "7 hours and 51 minutes"],
  ])("S29: %i ms left reads %s, never more than a few seconds beyond the truth", (ms, text) => {
    expect(describeTimeLeft(ms)).toBe(text);
  });
});
