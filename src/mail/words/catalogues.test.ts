/**
 * Every language's mail: each catalogue has every key the English one has (a key it lacks
 * would read in English), and no mail in another language carries an English sentence
 * (beyond the app's name, the address and the link). Arabic mail reads right to left, with
 * the addresses set apart so they keep their own direction.
 */
import { describe, expect, it } from "vitest";
import type { MailContent } from "../../core/ports.js";
import { LOCALES } from "../../i18n/locales.js";
import { createMailRenderer } from "../renderer.js";
import { en } from "./en.js";
import { MAIL_CATALOGUE } from "./index.js";
import { MAIL_WORD_KEYS } from "./keys.js";

const AT = Date.UTC(2030, 0, 1, 12);
const URL_ = "https://auth.example.com/login?token=abc";
const MAILS: MailContent[] = [
  { kind: "signup", to: "ada@example.com", url: URL_, timeLeft: 8 * 3_600_000, expiresAt: AT, code: "123456" },
  { kind: "login", to: "ada@example.com", url: URL_, timeLeft: 10 * 60_000, expiresAt: AT, code: "123456" },
  { kind: "notice", to: "ada@example.com", url: URL_, method: "code", at: AT, device: "Firefox on macOS", network: null },
  { kind: "notice", to: "ada@example.com", url: URL_, method: "approval", at: AT, device: "Firefox on macOS", network: "203.0.113.x" },
  { kind: "account_deleted", to: "ada@example.com", url: URL_, at: AT },
  { kind: "email_change", to: "ada@example.org", url: URL_, timeLeft: 3_600_000, expiresAt: AT },
  { kind: "email_changed", to: "ada@example.com", url: URL_, at: AT, newEmail: "a…@example.org" },
];
const render = createMailRenderer({ appName: "Acme" });

/** The English sentences of a text: pieces of three words or more, once the names, addresses and links are taken out. */
function englishSentences(text: string): string[] {
  return text
    .replace(/https?:\/\/\S+/g, "")
    .replace(/\S+@\S+/g, "")
    .split(/(?<=[.:;])\s+|\n+/)
    .map((piece) => piece.trim())
    .filter((piece) => piece.split(/\s+/).length >= 3);
}

describe("mail catalogues", () => {
  it("lists every English key and the facts it takes, for checking an app's mailText at start-up", () => {
    const shapes = Object.entries(en).map(([key, entry]) => {
      if (typeof entry !== "function") return [key, null];
      const facts = new Set<string>();
      (entry as (facts: object) => string)(new Proxy({}, { get: (_t, name) => (typeof name === "string" && facts.add(name), "") }));
      return [key, [...facts]];
    });
    expect(Object.entries(MAIL_WORD_KEYS)).toEqual(shapes);
  });

  it("has every English key in every language", async () => {
    expect(MAIL_CATALOGUE.locales).toEqual(LOCALES);
    for (const locale of LOCALES) {
      await MAIL_CATALOGUE.load(locale);
      const missing = Object.keys(en).filter((key) => !(key in MAIL_CATALOGUE.translation(locale)!));
      expect(missing, `${locale} lacks`).toEqual([]);
    }
  });

  for (const locale of LOCALES.filter((l) => l !== "en")) {
    it(`writes every mail in ${locale} with no English sentence left`, async () => {
      for (const mail of MAILS) {
        const english = await render(mail);
        const translated = await render({ ...mail, locale });
        for (const sentence of [...englishSentences(english.text), english.subject]) {
          expect(translated.text, `${mail.kind} in ${locale}`).not.toContain(sentence);
          expect(translated.subject).not.toBe(english.subject);
        }
        // The facts still there: the address, the link, the code.
        expect(translated.text).toContain(mail.to);
        expect(translated.text).toContain(URL_);
        if ("code" in mail && mail.code) expect(translated.text).toContain(mail.code);
        expect(translated.html).toContain(`lang="${locale}"`);
      }
    });
  }

  it("writes Arabic mail right to left, with addresses and the link kept left to right", async () => {
    const mail = await render({ ...MAILS[1]!, locale: "ar" });
    expect(mail.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.text).toContain("\u2068ada@example.com\u2069");
    expect(mail.html).toMatch(/<p dir="ltr"[^>]*><a href="https:\/\/auth\.example\.com/);
  });
});
