/**
 * An app's own words for Sesame's mail, per language and per key: a string (with `{app}`,
 * `{to}`, `{validFor}`, `{timeLeft}`, `{when}`, `{device}`, `{network}`, `{newEmail}` where
 * the key has them) or a function of those. Checked at start-up: an unknown language or key
 * is a mistake worth stopping for.
 */
import { SesameError } from "../../core/errors.js";
import { chooseLocale, type Locale } from "../../i18n/locales.js";
import { en } from "./en.js";
import { MAIL_CATALOGUE, type MailWords } from "./index.js";

export type MailTextOverrides = Record<string, Partial<Record<keyof MailWords, string | ((facts: Record<string, string>) => string)>>>;

/** The words for each language, the app's over the catalogue over English. */
export function createMailWords(overrides: MailTextOverrides | undefined): (locale: Locale) => MailWords {
  const byLocale = new Map<Locale, Partial<MailWords>>();
  for (const [tag, entries] of Object.entries(overrides ?? {})) {
    const locale = chooseLocale(tag);
    if (locale === undefined) throw invalid(`mailText: ${JSON.stringify(tag)} is not one of Sesame's languages`);
    const words: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entries ?? {})) {
      if (!(key in en)) throw invalid(`mailText.${tag}: ${JSON.stringify(key)} is not a key of the mail's words`);
      const english = en[key as keyof MailWords];
      if (typeof value === "function") words[key] = value;
      else if (typeof value !== "string" || value.trim() === "") throw invalid(`mailText.${tag}.${key} must be a string or a function`);
      else {
        const unknown = [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((name) => !factsOf(english).has(name));
        if (unknown.length > 0) throw invalid(`mailText.${tag}.${key} names {${unknown.join("}, {")}}, which this text does not have`);
        words[key] = typeof english === "function" ? (facts: Record<string, string>) => fill(value, facts) : value;
      }
    }
    byLocale.set(locale, { ...byLocale.get(locale), ...(words as Partial<MailWords>) });
  }
  const merged = new Map<Locale, MailWords>();
  return (locale) => {
    let words = merged.get(locale);
    if (words) return words;
    words = { ...MAIL_CATALOGUE.words(locale), ...byLocale.get(locale) };
    // Remembered once the language's catalogue is in (before that, its words are English's).
    if (MAIL_CATALOGUE.translation(locale)) merged.set(locale, words);
    return words;
  };
}

/** The facts an English entry reads (its parameters), found by asking it with a recording stand-in. */
function factsOf(entry: unknown): Set<string> {
  const names = new Set<string>();
  if (typeof entry !== "function") return names;
  const recorder = new Proxy({}, { get: (_target, name) => (typeof name === "string" && names.add(name), "") });
  (entry as (facts: object) => string)(recorder);
  return names;
}

function fill(template: string, facts: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => facts[name] ?? whole);
}

function invalid(message: string): SesameError {
  return new SesameError("invalid_options", message);
}
