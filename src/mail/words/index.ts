/**
 * The mail words for a language: its catalogue over the English one, so that a key a
 * translation lacks reads in English rather than as a key (and the catalogue test names it).
 */
import type { Locale } from "../../i18n/locales.js";
import { ar } from "./ar.js";
import { de } from "./de.js";
import { en } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { ja } from "./ja.js";
import { ptBR } from "./pt-BR.js";
import type { MailWords } from "./words.js";

export type { MailWords };

export const MAIL_CATALOGUES: Record<Locale, Partial<MailWords>> = { en, de, fr, es, "pt-BR": ptBR, ja, ar };

const merged = new Map<Locale, MailWords>();

export function mailWords(locale: Locale): MailWords {
  let words = merged.get(locale);
  if (!words) merged.set(locale, (words = { ...en, ...MAIL_CATALOGUES[locale] }));
  return words;
}
