/**
 * Numbers of things and moments, in a language, through Intl only: plural forms, unit
 * names, lists and dates come from the runtime's CLDR data, never from rules written here.
 */
import type { Locale } from "./locales.js";

const UNITS = [
  { ms: 86_400_000, unit: "day" },
  { ms: 3_600_000, unit: "hour" },
  { ms: 60_000, unit: "minute" },
  { ms: 1_000, unit: "second" },
] as const;

/**
 * Formatters by language and kind, made once: building one costs tens of microseconds (it
 * loads locale data), using one a fraction of that, and every mail asks for a few.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.ListFormat | Intl.DateTimeFormat>();
function formatter<F extends Intl.NumberFormat | Intl.ListFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let made = formatters.get(key) as F | undefined;
  if (!made) formatters.set(key, (made = make()));
  return made;
}

function count(locale: Locale, n: number, unit: (typeof UNITS)[number]["unit"]): string {
  return formatter(`${locale} ${unit}`, () => new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" })).format(n);
}

/**
 * A lifetime for people: the largest unit that divides it evenly ("90 seconds", "8 hours",
 * "1 day"); one that fits no unit is rounded *down* to whole minutes, so a mail never
 * promises more time than the link has.
 */
export function formatDuration(locale: Locale, ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`formatDuration needs a positive, finite number of milliseconds, got ${ms}`);
  for (const { ms: size, unit } of UNITS) if (ms % size === 0) return count(locale, ms / size, unit);
  const minutes = Math.floor(ms / 60_000);
  // Under a minute and not whole seconds: at least a second, never "0" (which would read as expired).
  return minutes >= 1 ? count(locale, minutes, "minute") : count(locale, Math.max(1, Math.floor(ms / 1_000)), "second");
}

/**
 * What a link has left as its mail goes out: whole minutes after a few seconds' grace (a
 * mail sent at once says "10 minutes", not "9"), hours and minutes past the hour, seconds
 * under a minute.
 */
export function formatTimeLeft(locale: Locale, ms: number): string {
  const minutes = Math.floor((ms + 5_000) / 60_000);
  if (minutes > 60 && minutes % 60 !== 0) {
    return formatter(`${locale} and`, () => new Intl.ListFormat(locale, { type: "conjunction" })).format([
      count(locale, Math.floor(minutes / 60), "hour"),
      count(locale, minutes % 60, "minute"),
    ]);
  }
  if (minutes >= 1) return formatDuration(locale, minutes * 60_000);
  return count(locale, Math.max(1, Math.floor(ms / 1_000)), "second");
}

/** A moment, in UTC and said so (mail is read anywhere): the date in full and the time to the second. */
export function formatMoment(locale: Locale, at: number): string {
  return formatter(`${locale} moment`, () => new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "long", timeZone: "UTC" })).format(at);
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * The form of a sentence for a count, chosen by the language's own plural rules (Arabic has
 * six forms, Japanese one); `#` in the form is the count, written the language's way.
 */
export function plural(locale: Locale, n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  const number = formatter(`${locale} number`, () => new Intl.NumberFormat(locale)).format(n);
  return (forms[rules.select(n)] ?? forms.other).replace("#", number);
}
