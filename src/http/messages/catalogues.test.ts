/**
 * Every message catalogue has every key the English one has, and says each sentence in its
 * own language: no message in another language equals or contains the English one (facts
 * such as a field's name or a domain aside). Counts take the language's own plural forms.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../i18n/locales.js";
import { en, type Messages } from "./en.js";
import { MESSAGE_CATALOGUE, messages } from "./index.js";

const LOCALES: readonly Locale[] = MESSAGE_CATALOGUE.locales;
const FACTS = { kib: 16, name: "website", domain: "mailinator.com", wait: "5 minutes", field: "Company", max: 80, left: 3 };

/** Every message, facts filled in, by key. */
function said(catalogue: Messages): [string, string][] {
  return Object.entries(catalogue).map(([key, entry]) => [key, typeof entry === "function" ? (entry as (facts: typeof FACTS) => string)(FACTS) : entry]);
}

/** The English sentences of a message: pieces of three words or more, facts removed. */
function englishPieces(text: string): string[] {
  return text
    .replace(/\b(website|mailinator\.com|5 minutes|Company|name@example\.com|example\.com|application\/\S+|UTF-8|JSON|KiB)\b/g, "")
    .split(/(?<=[.:;?!])\s+/)
    .map((piece) => piece.trim())
    .filter((piece) => piece.split(/\s+/).filter((word) => /[A-Za-z]{2,}/.test(word)).length >= 3);
}

describe("message catalogues", () => {
  beforeAll(async () => {
    for (const locale of LOCALES) await MESSAGE_CATALOGUE.load(locale);
  });

  it("has every English key in every language", () => {
    expect(LOCALES).toEqual(["en", "de", "fr", "es", "pt-BR", "ja", "ar"]);
    for (const locale of LOCALES)
      expect(
        Object.keys(en).filter((key) => !(key in MESSAGE_CATALOGUE.translation(locale)!)),
        `${locale} lacks`,
      ).toEqual([]);
  });

  for (const locale of LOCALES.filter((l) => l !== "en")) {
    it(`says every message in ${locale}, with no English sentence left`, () => {
      const english = new Map(said(en));
      for (const [key, text] of said(messages(locale))) {
        expect(text, `${locale} ${key}`).not.toBe(english.get(key));
        for (const piece of englishPieces(english.get(key)!)) expect(text, `${locale} ${key}`).not.toContain(piece);
      }
    });
  }

  it("counts with each language's plural forms", () => {
    expect(messages("en").code_wrong({ left: 1 })).toBe("That code is not right. 1 try left.");
    expect(messages("en").code_wrong({ left: 2 })).toBe("That code is not right. 2 tries left.");
    expect(messages("de").code_wrong({ left: 1 })).toContain("Noch 1 Versuch.");
    expect(messages("de").code_wrong({ left: 4 })).toContain("Noch 4 Versuche.");
    // Arabic: one, two and few (3–10) are three different forms, and digits are the language's own.
    const arabic = [1, 2, 3].map((left) => messages("ar").code_wrong({ left }));
    expect(new Set(arabic).size).toBe(3);
    expect(arabic[1]).toContain("محاولتان");
    expect(arabic[2]).toContain(new Intl.NumberFormat("ar").format(3));
  });
});
