/** How long ago something happened, for people, in their language: "just now", "3 minutes ago", "vor 2 Stunden". */
import type { Locale } from "../../i18n/locales.js";
import { pageWords } from "./words/index.js";

export function describeAgo(locale: Locale, ms: number): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const minutes = Math.floor(ms / 60_000);
  // "just now" reads better than Intl's "now" in "asked for just now".
  if (minutes < 1) return pageWords(locale).justNow;
  if (minutes < 60) return format.format(-minutes, "minute");
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return format.format(-hours, "hour");
  return format.format(-Math.floor(hours / 24), "day");
}
