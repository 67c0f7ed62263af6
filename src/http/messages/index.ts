/**
 * The JSON API's error messages and the pages' notices for a language: its catalogue over
 * the English one (a key a translation lacks reads in English, and the catalogue test names
 * it), each language other than English loaded on first use. A route says which sentence it
 * means as a function of the catalogue, `(m) => m.not_found`, so a sentence with facts stays
 * typed: `(m) => m.code_wrong({ left })`.
 */
import { lazyCatalogue } from "../../i18n/catalogue.js";
import type { Locale } from "../../i18n/locales.js";
import { en, type Messages } from "./en.js";

export type { Messages };

/** Which sentence an answer carries, picked from the catalogue of the request's language. */
export type Say = (messages: Messages) => string;

export const MESSAGE_CATALOGUE = lazyCatalogue<Messages>(en, {
  de: async () => (await import("./de.js")).de,
  fr: async () => (await import("./fr.js")).fr,
  es: async () => (await import("./es.js")).es,
  "pt-BR": async () => (await import("./pt-BR.js")).ptBR,
  ja: async () => (await import("./ja.js")).ja,
  ar: async () => (await import("./ar.js")).ar,
});

export function messages(locale: Locale): Messages {
  return MESSAGE_CATALOGUE.words(locale);
}
