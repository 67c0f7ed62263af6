/**
 * Every page in every language the pages speak: each catalogue has every key the English
 * one has, and no page in another language carries an English sentence of the pages' own
 * (the app's name, an address, field labels the app set and messages from the requests
 * aside). Arabic pages read right to left.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../../i18n/locales.js";
import { account, fields } from "../render.check.js";
import { renderPage } from "../render.js";
import type { PageContext, PageState } from "../state.js";
import { en } from "./en.js";
import { MESSAGE_CATALOGUE, messages } from "../../messages/index.js";
import { sayDevice } from "../../../i18n/device.js";
import { PAGE_CATALOGUE, PAGE_LOCALES, pageWords } from "./index.js";
import { PAGE_WORD_KEYS } from "./keys.js";

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
  const ago = messages(locale).justNow;
  // The browser as the core describes it, said in the language as the routes do.
  const said = { device: sayDevice("Safari on iOS", messages(locale)) };
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
    { page: "confirm-login", token: "tok", email: "ann@example.com", requester: { ...requester, ...said, ago } },
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
        { ...device, ...said, lastUsed: ago },
        { ...device, ...said, id: "s2", current: true, lastUsed: ago },
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
      // The names of a browser and a system are the same in every language.
      .replace(/Safari|iOS/g, "")
      .split(/(?<=[.:;?!])\s+|\n+/)
      .map((piece) => piece.trim())
      // Words, not numbers: a date in digits reads alike in every language.
      .filter((piece) => piece.split(/\s+/).filter((word) => /[A-Za-z]{2,}/.test(word) && word !== "UTC").length >= 3)
  );
}

describe("page catalogues", () => {
  beforeAll(async () => {
    for (const locale of PAGE_LOCALES) await Promise.all([PAGE_CATALOGUE.load(locale), MESSAGE_CATALOGUE.load(locale)]);
  });

  it("has every English key in every language the pages speak", () => {
    expect(PAGE_LOCALES).toEqual(["en", "de", "fr", "es", "pt-BR", "ja", "ar"]);
    for (const locale of PAGE_LOCALES)
      expect(
        Object.keys(en).filter((key) => !(key in PAGE_CATALOGUE.translation(locale)!)),
        `${locale} lacks`,
      ).toEqual([]);
  });

  it("lists every English key, what it gives and the facts it takes, for checking an app's pageText at start-up", () => {
    const shapes = Object.entries(en).map(([key, entry]) => {
      if (typeof entry !== "function") return [key, ["text"]];
      const facts = new Set<string>();
      const recorder = new Proxy({}, { get: (_t, name) => (typeof name === "string" && facts.add(name), name === "again" ? (s: string) => s : "x") });
      const given = (entry as (facts: object) => unknown)(recorder);
      return [key, [typeof given === "string" ? "text" : "markup", ...facts]];
    });
    expect(Object.entries(PAGE_WORD_KEYS)).toEqual(shapes);
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
});
