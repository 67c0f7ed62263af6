/**
 * The language of a request: the app's `locale` option when it names one (a tag, or a
 * function of the request), else the `lang` query parameter, else the language cookie (set
 * by the pages' language switch), else the browser's Accept-Language (matched,
 * i18n/locales.ts), else English.
 */
import { chooseLocale, negotiateLocale, type Locale } from "../i18n/locales.js";

/** The cookie the language switch sets: a preference, not a secret. */
export const LANGUAGE_COOKIE = "sesame_lang";

function languageCookie(request: Request): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === LANGUAGE_COOKIE) return value;
  }
  return undefined;
}

export type LocaleOption = string | ((request: Request) => string | undefined);

export function requestLocale(request: Request, option: LocaleOption | undefined): Locale {
  const chosen = typeof option === "function" ? option(request) : option;
  return (
    chooseLocale(chosen) ??
    chooseLocale(new URL(request.url).searchParams.get("lang") ?? undefined) ??
    chooseLocale(languageCookie(request)) ??
    negotiateLocale(request.headers.get("accept-language"))
  );
}
