/**
 * The mail words for a language: its catalogue over the English one, so that a key a
 * translation lacks reads in English rather than as a key (and the catalogue test names it).
 * Each language other than English is loaded on first use: the renderer loads a mail's
 * language before it writes the mail.
 */
import { lazyCatalogue } from "../../i18n/catalogue.js";
import type { Locale } from "../../i18n/locales.js";
import { en } from "./en.js";
import type { MailWords } from "./words.js";

export type { MailWords };

export const MAIL_CATALOGUE = lazyCatalogue<MailWords>(en, {
  de: async () => (await import("./de.js")).de,
  fr: async () => (await import("./fr.js")).fr,
  es: async () => (await import("./es.js")).es,
  "pt-BR": async () => (await import("./pt-BR.js")).ptBR,
  ja: async () => (await import("./ja.js")).ja,
  ar: async () => (await import("./ar.js")).ar,
});

export function mailWords(locale: Locale): MailWords {
  return MAIL_CATALOGUE.words(locale);
}
