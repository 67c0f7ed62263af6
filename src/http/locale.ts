/**
 * The language of a request: the app's `locale` option when it names one (a tag, or a
 * function of the request), else the `lang` query parameter, else the browser's
 * Accept-Language (matched, i18n/locales.ts), else English.
 */
import { chooseLocale, negotiateLocale, type Locale } from "../i18n/locales.js";

export type LocaleOption = string | ((request: Request) => string | undefined);

export function requestLocale(request: Request, option: LocaleOption | undefined): Locale {
  const chosen = typeof option === "function" ? option(request) : option;
  return (
    chooseLocale(chosen) ?? chooseLocale(new URL(request.url).searchParams.get("lang") ?? undefined) ?? negotiateLocale(request.headers.get("accept-language"))
  );
}
