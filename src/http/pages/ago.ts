/** How long ago something happened, for people, in their language: "just now", "3 minutes ago", "vor 2 Stunden". */
import type { Locale } from "../../i18n/locales.js";

/** `justNow` is the words for under a minute in `locale` (from the message catalogue). */
export function describeAgo(locale: Locale, ms: number, justNow: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const minutes = Math.floor(ms / 60_000);
  // "just now" reads better than Intl's "now" in "asked for just now".
  if (minutes < 1) return justNow;
  if (minutes < 60) return format.format(-minutes, "minute");
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return format.format(-hours, "hour");
  return format.format(-Math.floor(hours / 24), "day");
}
