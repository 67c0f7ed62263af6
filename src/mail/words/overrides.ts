/**
 * An app's own words for Sesame's mail, per language and per key: a string (with `{app}`,
 * `{to}`, `{validFor}`, `{timeLeft}`, `{when}`, `{device}`, `{network}`, `{newEmail}` where
 * the key has them) or a function of those. Checked at start-up against the list of keys
 * (words/keys.ts): an unknown language, key or fact is a mistake worth stopping for.
 */
import { SesameError } from "../../core/errors.js";
import { chooseLocale, type Locale } from "../../i18n/locales.js";
import { MAIL_WORD_KEYS } from "./keys.js";
import type { MailWords } from "./words.js";

export type MailTextOverrides = Record<string, Partial<Record<keyof MailWords, string | ((facts: Record<string, string>) => string)>>>;

/** The app's words by language, checked, each ready to lay over the catalogue's. */
export type MailText = Map<Locale, Partial<MailWords>>;

export function parseMailText(overrides: MailTextOverrides | undefined): MailText {
  const byLocale: MailText = new Map();
  for (const [tag, entries] of Object.entries(overrides ?? {})) {
    const locale = chooseLocale(tag);
    if (locale === undefined) throw invalid(`mailText: ${JSON.stringify(tag)} is not one of Sesame's languages`);
    const words: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entries ?? {})) {
      if (!Object.hasOwn(MAIL_WORD_KEYS, key)) throw invalid(`mailText.${tag}: ${JSON.stringify(key)} is not a key of the mail's words`);
      const facts = MAIL_WORD_KEYS[key];
      if (typeof value === "function") words[key] = value;
      else if (typeof value !== "string" || value.trim() === "") throw invalid(`mailText.${tag}.${key} must be a string or a function`);
      else {
        const unknown = [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((name) => !(facts ?? []).includes(name));
        if (unknown.length > 0) throw invalid(`mailText.${tag}.${key} names {${unknown.join("}, {")}}, which this text does not have`);
        words[key] = facts ? (given: Record<string, string>) => fill(value, given) : value;
      }
    }
    byLocale.set(locale, { ...byLocale.get(locale), ...(words as Partial<MailWords>) });
  }
  return byLocale;
}

function fill(template: string, facts: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => facts[name] ?? whole);
}

function invalid(message: string): SesameError {
  return new SesameError("invalid_options", message);
}
