/**
 * The languages Sesame speaks, and choosing one for a request: an explicit choice (the
 * `lang` parameter, the language cookie, the app's `locale` option) when it names one of
 * them, else the browser's Accept-Language matched by the Intl.LocaleMatcher algorithm
 * ("best fit": de-AT finds German, pt-PT Brazilian Portuguese), else English.
 */
import { match } from "@formatjs/intl-localematcher";

export const LOCALES = ["en", "de", "fr", "es", "pt-BR", "ja", "ar"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Written right to left: the page and the mail get `dir="rtl"`. */
export function isRightToLeft(locale: Locale): boolean {
  return locale === "ar";
}

/** One of ours for a tag a person or an app chose (`de`, `pt-br`, `fr-CA`), or undefined when none is close. */
export function chooseLocale(value: unknown): Locale | undefined {
  if (typeof value !== "string" || !/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}$/.test(value)) return undefined;
  const found = bestOf([value.replace(/_/g, "-")]);
  return found === DEFAULT_LOCALE && !/^en\b/i.test(value) ? undefined : found;
}

/** The language for an Accept-Language header: the best match over its ranges by weight, English when none. */
export function negotiateLocale(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  return bestOf(parseAcceptLanguage(header));
}

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
  try {
    return match(requested, LOCALES, DEFAULT_LOCALE, { algorithm: "best fit" }) as Locale;
  } catch {
    // A tag Intl cannot canonicalise: treat the request as naming no language.
    return DEFAULT_LOCALE;
  }
}
