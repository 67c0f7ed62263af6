/**
 * The pages' words for a language: its catalogue over the English one (a key a translation
 * lacks reads in English, and the catalogue test names it). Each language other than English
 * is loaded on first use (http/app.ts loads the request's before any route runs).
 */
import { lazyCatalogue } from "../../../i18n/catalogue.js";
import type { Locale } from "../../../i18n/locales.js";
import { en, type PageWords } from "./en.js";

export type { PageWords };

export const PAGE_CATALOGUE = lazyCatalogue<PageWords>(en, {
  de: async () => (await import("./de.js")).de,
  fr: async () => (await import("./fr.js")).fr,
  es: async () => (await import("./es.js")).es,
  "pt-BR": async () => (await import("./pt-BR.js")).ptBR,
  ja: async () => (await import("./ja.js")).ja,
  ar: async () => (await import("./ar.js")).ar,
});

/** The languages the pages speak, English first. */
export const PAGE_LOCALES = PAGE_CATALOGUE.locales;

/** The language a page is shown in: the one asked for when the pages speak it, else English. */
export function pageLocale(locale: Locale): Locale {
  return PAGE_LOCALES.includes(locale) ? locale : "en";
}

export function pageWords(locale: Locale): PageWords {
  return PAGE_CATALOGUE.words(pageLocale(locale));
}
