/**
 * The JSON API's error messages and the pages' notices for a language: its catalogue over
 * the English one (a key a translation lacks reads in English, and the catalogue test names
 * it). A route says which sentence it means as a function of the catalogue, `(m) => m.not_found`,
 * so a sentence with facts stays typed: `(m) => m.code_wrong({ left })`.
 */
import type { Locale } from "../../i18n/locales.js";
import { ar } from "./ar.js";
import { de } from "./de.js";
import { en, type Messages } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { ja } from "./ja.js";
import { ptBR } from "./pt-BR.js";

export type { Messages };

/** Which sentence an answer carries, picked from the catalogue of the request's language. */
export type Say = (messages: Messages) => string;

export const MESSAGE_CATALOGUES: Partial<Record<Locale, Partial<Messages>>> = { en, de, fr, es, "pt-BR": ptBR, ja, ar };

const merged = new Map<Locale, Messages>();

export function messages(locale: Locale): Messages {
  let words = merged.get(locale);
  if (!words) merged.set(locale, (words = { ...en, ...MESSAGE_CATALOGUES[locale] }));
  return words;
}
