/**
 * Every page in every language the pages speak: each catalogue has every key the English
 * one has, and no page in another language carries an English sentence of the pages' own
 * (the app's name, an address, field labels the app set and messages from the requests
 * aside). Arabic pages read right to left.
 */
import { describe, expect, it } from "vitest";
import type { Locale } from "../../../i18n/locales.js";
import { account, fields } from "../render.check.js";
import { renderPage } from "../render.js";
import type { PageContext, PageState } from "../state.js";
import { en } from "./en.js";
import { PAGE_CATALOGUES, PAGE_LOCALES, pageWords } from "./index.js";

const device = {
  id: "s1",
  current: false,
  device: "Safari on iOS",
  network: "203.0.113.x",
  started: { iso: "2030-01-01T12:00:00.000Z", text: "2030-01-01 12:00 UTC" },
};
const requester = { device: "Safari on iOS", at: { iso: "2030-01-01T12:00:00.000Z", text: "12:00 UTC" }, network: null };

/** Every page and variant, the words that come from the request filled in for the language. */
function states(locale: Locale): PageState[] {
  const ago = pageWords(locale).justNow;
  return [
    { page: "home" },
    { page: "signed-in", account },
    { page: "signed-in", account: { ...account, name: null } },
    ...(["login", "signup", "either", "known"] as const).map((kind): PageState => ({
      page: "link-sent",
      kind,
      email: "ann@example.com",
      withCode: true,
      approvalNumber: "42",
    })),
    { page: "rate-limited", retryAfterSeconds: 90 },
    { page: "approved" },
    { page: "denied" },
    { page: "confirm-login", token: "tok", email: "ann@example.com", requester: { ...requester, ago } },
    { page: "confirm-login", token: "tok", email: "ann@example.com" },
    { page: "signup-details", token: "tok", email: "ann@example.com", fields: fields.filter((f) => !f.required), values: {}, errors: {} },
    ...(["invalid", "expired", "used", "denied"] as const).flatMap((reason) =>
      (["login", "signup"] as const).map((kind): PageState => ({ page: "link-problem", kind, reason })),
    ),
    { page: "account-exists", email: "ann@example.com" },
    {
      page: "account",
      account,
      fields: [],
      values: {},
      errors: {},
      devices: [
        { ...device, lastUsed: ago },
        { ...device, id: "s2", current: true, lastUsed: ago },
      ],
    },
    { page: "account", account, fields: [], values: {}, errors: {}, devices: [], reauthenticate: "email" },
    { page: "account", account, fields: [], values: {}, errors: {}, devices: [], reauthenticate: "delete" },
    { page: "account-deleted", email: "ann@example.com" },
    { page: "email-change", token: "tok", currentEmail: "ann@example.com", newEmail: "ann@example.org" },
    { page: "email-changed", email: "ann@example.org" },
  ];
}

const contextFor = (locale: Locale): PageContext => ({ appName: "Acme", basePath: "/", locale, words: pageWords(locale) });

/** The text a person reads, sentence by sentence: tags, the app's name, addresses, the browser's description and the language names dropped. */
function sentences(html: string): string[] {
  return (
    html
      .replace(/<nav class="languages".*?<\/nav>/s, "")
      .replace(/<title>.*?<\/title>/s, "")
      .replace(/<[^>]+>/g, "\n")
      .replace(/&#39;/g, "'")
      .replace(/\S+@\S+/g, "")
      .replace(/Acme/g, "")
      // The browser as the core describes it ("Safari on iOS") is not yet a page's word: to come with the JSON messages.
      .replace(/Safari on iOS/g, "")
      .split(/(?<=[.:;?!])\s+|\n+/)
      .map((piece) => piece.trim())
      // Words, not numbers: a date in digits reads alike in every language.
      .filter((piece) => piece.split(/\s+/).filter((word) => /[A-Za-z]{2,}/.test(word) && word !== "UTC").length >= 3)
  );
}

describe("page catalogues", () => {
  it("has every English key in every language the pages speak", () => {
    for (const locale of PAGE_LOCALES)
      expect(
        Object.keys(en).filter((key) => !(key in PAGE_CATALOGUES[locale]!)),
        `${locale} lacks`,
      ).toEqual([]);
  });

  for (const locale of PAGE_LOCALES.filter((l) => l !== "en")) {
    it(`shows every page in ${locale} with no English sentence left`, () => {
      const english = states("en").map((state) => sentences(renderPage(state, contextFor("en"))));
      states(locale).forEach((state, i) => {
        const html = renderPage(state, contextFor(locale));
        expect(html).toContain(`<html lang="${locale}" dir="${locale === "ar" ? "rtl" : "ltr"}">`);
        for (const sentence of english[i]!) expect(html, `${state.page} in ${locale}`).not.toContain(sentence);
      });
    });
  }

  it("reads a missing key in English rather than as the key", () => {
    const saved = PAGE_CATALOGUES.de!;
    const { homeButton: _gone, ...partial } = saved;
    PAGE_CATALOGUES.de = partial;
    try {
      // A fresh merge: the cache holds merged catalogues, so ask through a language not yet merged in this process.
      const words = { ...en, ...PAGE_CATALOGUES.de };
      expect(words.homeButton).toBe("Continue with e-mail");
    } finally {
      PAGE_CATALOGUES.de = saved;
    }
  });
});
