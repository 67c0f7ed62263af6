import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./http/security.js";
import { renderStylesheet } from "./http/pages/style.js";
import { renderLinkMail } from "./mail/templates.js";
import { checkLogoUrl, resolveOptions } from "./options.js";
import type { Mailer, Store } from "./core/ports.js";
import { contrast, themeColors } from "./theme.js";

const base = { baseUrl: "https://example.com", store: {} as Store, mailer: {} as Mailer };

describe("the accent colour", () => {
  it("keeps a readable accent as given, in light mode", () => {
    expect(themeColors("#0f766e").light.accent).toBe("#0f766e");
    expect(themeColors("#0F766E").light.accent).toBe("#0f766e");
  });

  it.each(["#fde047", "#ffffff", "#000000", "#0f766e", "#4f46e5", "#f0f", "#1e3a8a", "#808080"])(
    "%s gives links and buttons at least 4.5:1 in both schemes",
    (accent) => {
      const { light, dark } = themeColors(accent);
      expect(contrast(light.accent, "#ffffff")).toBeGreaterThanOrEqual(4.5);
      expect(contrast(dark.accent, "#161b22")).toBeGreaterThanOrEqual(4.5);
      expect(contrast(light.accent, light.accentContrast)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(dark.accent, dark.accentContrast)).toBeGreaterThanOrEqual(4.5);
    },
  );

  it("goes into the stylesheet and the mail's button, and nothing but a hex colour is accepted", () => {
    expect(renderStylesheet("#0f766e")).toContain("--accent: #0f766e;");
    expect(
      renderLinkMail({
        kind: "login",
        to: "a@example.com",
        url: "https://example.com/login?token=x",
        validFor: "10 minutes",
        appName: "A",
        accentColor: "#0f766e",
      }).html,
    ).toContain('bgcolor="#0f766e"');
    expect(resolveOptions({ ...base, accentColor: "#ABC" }).accentColor).toBe("#abc");
    for (const accentColor of ["red", "#12345", "#1234567", "#0f766e;}body{background:url(https://evil.example)", "rgb(0 0 0)", "#0f766e "]) {
      expect(() => resolveOptions({ ...base, accentColor }), accentColor).toThrow(expect.objectContaining({ code: "invalid_options" }));
    }
  });
});

describe("the logo", () => {
  it("is an https URL or a path on this site, nothing else", () => {
    expect(checkLogoUrl("https://cdn.example.com/logo.svg")).toBe("https://cdn.example.com/logo.svg");
    expect(checkLogoUrl("/static/logo.png")).toBe("/static/logo.png");
    for (const bad of [
      "http://cdn.example.com/logo.svg",
      "//evil.example/logo.svg",
      "/\\evil.example",
      "javascript:alert(1)",
      "data:image/svg+xml,<svg/>",
      "logo.png",
      "https://user:pw@cdn.example.com/l.png",
      "/a b.png",
      "",
    ]) {
      expect(checkLogoUrl(bad), bad).toBeNull();
      expect(() => resolveOptions({ ...base, logoUrl: bad }), bad).toThrow(expect.objectContaining({ code: "invalid_options" }));
    }
  });

  it("lets the policy allow exactly its origin for images, and changes nothing else", () => {
    const plain = contentSecurityPolicy();
    const withLogo = contentSecurityPolicy({ logoUrl: "https://cdn.example.com/brand/logo.svg" });
    expect(withLogo).toContain("img-src 'self' data: https://cdn.example.com;");
    expect(withLogo.replace(" https://cdn.example.com", "")).toBe(plain);
    expect(contentSecurityPolicy({ logoUrl: "/static/logo.svg" })).toBe(plain);
  });
});
