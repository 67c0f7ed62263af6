/**
 * The language of a request: the app's `locale` option when it names one (a tag, or a
 * function of the request), else the `lang` query parameter, else the language cookie (set
 * by the pages' language switch), else the browser's Accept-Language (matched,
 * i18n/locales.ts), else English.
 */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { chooseLocale, negotiateLocale, type Locale } from "../i18n/locales.js";

/** The cookie the language switch sets: a preference, not a secret. */
export const LANGUAGE_COOKIE = "sesame_lang";

export type LocaleOption = string | ((request: Request) => string | undefined);

export function requestLocale(c: Context, option: LocaleOption | undefined): Locale {
  const chosen = typeof option === "function" ? option(c.req.raw) : option;
  return (
    chooseLocale(chosen) ?? chooseLocale(c.req.query("lang")) ?? chooseLocale(getCookie(c, LANGUAGE_COOKIE)) ?? negotiateLocale(c.req.header("accept-language"))
  );
}
