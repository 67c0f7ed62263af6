/**
 * The languages Sesame speaks, and choosing one for a request. The browser's Accept-Language
 * is matched by the Intl.LocaleMatcher algorithm ("best fit", through its maintained
 * ponyfill: de-AT finds German, pt-PT Brazilian Portuguese, weights decide), loaded with the
 * first request that needs it (`loadLocaleMatcher`). An explicit choice (the `lang`
 * parameter, the language cookie, the app's `locale` option, a stored mail's language) names
 * one language: its language subtag picks ours (fr-CA is French, pt Brazilian Portuguese,
 * each language is here once), with no data to load.
 */
import type { match as Match } from "@formatjs/intl-localematcher";
import { loadOnce } from "../load-once.js";

export const LOCALES = ["en", "de", "fr", "es", "pt-BR", "ja", "ar"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Written right to left: the page and the mail get `dir="rtl"`. */
export function isRightToLeft(locale: Locale): boolean {
  return locale === "ar";
}

/** Ours by language subtag: each language Sesame speaks is here once (Portuguese as Brazilian). */
const BY_LANGUAGE = new Map<string, Locale>(LOCALES.map((locale) => [locale.slice(0, 2), locale]));

/** One of ours for a tag a person or an app chose (`de`, `pt-br`, `fr-CA`), or undefined when it names another language. */
export function chooseLocale(value: unknown): Locale | undefined {
  // The common case, a tag that is ours as it stands (the language cookie, a stored mail's language).
  if ((LOCALES as readonly unknown[]).includes(value)) return value as Locale;
  if (typeof value !== "string" || !/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,3}$/.test(value)) return undefined;
  let language: string;
  try {
    language = new Intl.Locale(value.replace(/_/g, "-")).language;
  } catch {
    return undefined;
  }
  return BY_LANGUAGE.get(language);
}

let match: typeof Match | undefined;
const loadMatcher = loadOnce(async () => {
  match = (await import("@formatjs/intl-localematcher")).match;
});

/** Loads the Accept-Language matcher; undefined once it is loaded (nothing to wait for). */
export function loadLocaleMatcher(): Promise<void> | undefined {
  return match ? undefined : loadMatcher();
}

/** The language for an Accept-Language header: the best match over its ranges by weight, English when none. */
export function negotiateLocale(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  let locale = negotiated.get(header);
  if (locale === undefined) {
    locale = bestOf(parseAcceptLanguage(header));
    // Browsers send a handful of distinct headers; a client inventing a new one each time only empties the memo.
    if (negotiated.size >= 256) negotiated.clear();
    // Only the matcher's answer is remembered, not the stand-in's before it loaded.
    if (match) negotiated.set(header, locale);
  }
  return locale;
}

/** Accept-Language headers already matched: matching costs microseconds, every request asks (#22). */
const negotiated = new Map<string, Locale>();

/** The ranges of an Accept-Language header, most wanted first (q=0 and `*` dropped); at most 20, a header is the client's to bloat. */
export function parseAcceptLanguage(header: string): string[] {
  const ranges: { tag: string; q: number; index: number }[] = [];
  for (const [index, part] of header.split(",").slice(0, 20).entries()) {
    const [tag = "", ...params] = part.trim().split(";");
    const q = params.find((p) => /^\s*q\s*=/i.test(p));
    // A weight that is not one (q=2, q=high) makes the range unreadable: it is dropped, not trusted at 1.
    const weight = q === undefined ? 1 : /^\s*q\s*=\s*(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)\s*$/i.test(q) ? Number(q.split("=")[1]) : 0;
    if (/^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/.test(tag) && weight > 0) ranges.push({ tag, q: weight, index });
  }
  return ranges.sort((a, b) => b.q - a.q || a.index - b.index).map((range) => range.tag);
}

function bestOf(requested: string[]): Locale {
  if (requested.length === 0) return DEFAULT_LOCALE;
  // Before the matcher is loaded (outside a request): the first range that names one of ours.
  if (!match) return requested.map(chooseLocale).find((locale) => locale !== undefined) ?? DEFAULT_LOCALE;
  try {
    return match(requested, LOCALES, DEFAULT_LOCALE, { algorithm: "best fit" }) as Locale;
  } catch {
    // A tag Intl cannot canonicalise: treat the request as naming no language.
    return DEFAULT_LOCALE;
  }
}
