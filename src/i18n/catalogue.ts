/**
 * A set of translations that loads each language when it is first needed: English is always
 * there, every other language is a module imported on first use (a chunk of its own in the
 * Worker's bundle, so a Worker that serves English never parses Arabic). Words are read
 * synchronously once `load` has run for the language; before that, and for any key a
 * translation lacks, they read in English, never as a key.
 */
import { loadOnce } from "../load-once.js";
import type { Locale } from "./locales.js";

export interface Catalogue<W extends object> {
  /** The languages with a translation, English first. */
  readonly locales: readonly Locale[];
  /** Makes a language's words available; undefined when they already are (nothing to wait for). */
  load(locale: Locale): Promise<void> | undefined;
  /** The words for a language: its translation over English (English until it is loaded). */
  words(locale: Locale): W;
  /** A language's translation as written, once loaded (for the catalogue tests). */
  translation(locale: Locale): Partial<W> | undefined;
}

export function lazyCatalogue<W extends object>(english: W, loaders: Partial<Record<Locale, () => Promise<Partial<W>>>>): Catalogue<W> {
  const translations = new Map<Locale, Partial<W>>([["en", english]]);
  const merged = new Map<Locale, W>([["en", english]]);
  const loads = new Map(
    (Object.entries(loaders) as [Locale, () => Promise<Partial<W>>][]).map(([locale, loader]) => [
      locale,
      loadOnce(async () => void translations.set(locale, await loader())),
    ]),
  );
  return {
    locales: ["en", ...loads.keys()],
    load: (locale) => (translations.has(locale) ? undefined : loads.get(locale)?.()),
    words(locale) {
      let words = merged.get(locale);
      if (words) return words;
      const translation = translations.get(locale);
      // English stands in until the language is loaded.
      if (!translation) return english;
      merged.set(locale, (words = { ...english, ...translation }));
      return words;
    },
    translation: (locale) => translations.get(locale),
  };
}

/** A catalogue's words with an app's over them (remembered per catalogue object: a language loaded later gets its own). */
export function overlay<W extends object>(words: W, own: Partial<W> | undefined, cache: WeakMap<W, W>): W {
  if (!own) return words;
  let merged = cache.get(words);
  if (!merged) cache.set(words, (merged = { ...words, ...own }));
  return merged;
}
