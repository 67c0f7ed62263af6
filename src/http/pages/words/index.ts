/**
 * The pages' words for a language: its catalogue over the English one (a key a translation
 * lacks reads in English, and the catalogue test names it). Pages speak the languages that
 * have a catalogue here.
 */
import type { Locale } from "../../../i18n/locales.js";
import { ar } from "./ar.js";
import { de } from "./de.js";
import { en, type PageWords } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { ja } from "./ja.js";
import { ptBR } from "./pt-BR.js";

export type { PageWords };

export const PAGE_CATALOGUES: Partial<Record<Locale, Partial<PageWords>>> = { en, de, fr, es, "pt-BR": ptBR, ja, ar };

/** The languages the pages speak, in catalogue order. */
export const PAGE_LOCALES = Object.keys(PAGE_CATALOGUES) as Locale[];

const merged = new Map<Locale, PageWords>();

/** The language a page is shown in: the one asked for when the pages speak it, else English. */
export function pageLocale(locale: Locale): Locale {
  return PAGE_CATALOGUES[locale] ? locale : "en";
}

export function pageWords(locale: Locale): PageWords {
  const shown = pageLocale(locale);
  let words = merged.get(shown);
  if (!words) merged.set(shown, (words = { ...en, ...PAGE_CATALOGUES[shown] }));
  return words;
}
