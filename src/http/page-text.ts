/**
 * An app's own words for Sesame's pages and messages, per language and per key: the keys of
 * the pages' words (`src/http/pages/words/en.tsx`) and of the messages (`src/http/messages/en.ts`,
 * the JSON errors and the notices pages show). A value is a string, which may name the facts
 * its key is given (`{email}`, `{app}`, …: an address stays in its <strong> on the page), or a
 * function of those facts. Checked at start-up: an unknown language, key or fact stops it.
 */
import { SesameError } from "../core/errors.js";
import { chooseLocale, type Locale } from "../i18n/locales.js";
import { en as englishMessages, type Messages } from "./messages/en.js";
import { PAGE_WORD_KEYS } from "./pages/words/keys.js";
import type { PageWords } from "./pages/words/en.js";

type Key = keyof PageWords | keyof Messages;
type Entry<K extends Key> = K extends keyof PageWords ? PageWords[K] : K extends keyof Messages ? Messages[K] : never;

export type PageTextOverrides = Record<string, { [K in Key]?: string | Entry<K> }>;

/** The app's words by language, checked and ready to lay over the catalogues'. */
export interface PageText {
  pages: Map<Locale, Partial<PageWords>>;
  messages: Map<Locale, Partial<Messages>>;
}

export function parsePageText(raw: unknown): PageText | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== "object" || raw === null) throw invalid("pageText must be an object of languages, each an object of keys");
  const text: PageText = { pages: new Map(), messages: new Map() };
  for (const [tag, entries] of Object.entries(raw)) {
    const locale = chooseLocale(tag);
    if (locale === undefined) throw invalid(`pageText: ${JSON.stringify(tag)} is not one of Sesame's languages`);
    if (typeof entries !== "object" || entries === null) throw invalid(`pageText.${tag} must be an object of keys`);
    const pages: Record<string, unknown> = { ...text.pages.get(locale) };
    const messages: Record<string, unknown> = { ...text.messages.get(locale) };
    for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
      const where = `pageText.${tag}.${key}`;
      const shape = Object.hasOwn(PAGE_WORD_KEYS, key)
        ? shapeOfPageWord(key as keyof typeof PAGE_WORD_KEYS)
        : Object.hasOwn(englishMessages, key)
          ? shapeOfMessage(englishMessages[key as keyof Messages])
          : undefined;
      if (!shape) throw invalid(`pageText.${tag}: ${JSON.stringify(key)} is not a key of the pages' words or messages`);
      (shape.page ? pages : messages)[key] = checkEntry(where, value, shape);
    }
    text.pages.set(locale, pages as Partial<PageWords>);
    text.messages.set(locale, messages as Partial<Messages>);
  }
  return text;
}

interface Shape {
  page: boolean;
  /** Whether the entry takes facts (a function), and whether it gives pieces of a page rather than a string. */
  facts: readonly string[] | undefined;
  markup: boolean;
}

function shapeOfPageWord(key: keyof typeof PAGE_WORD_KEYS): Shape {
  const [kind, ...facts] = PAGE_WORD_KEYS[key];
  return { page: true, facts: facts.length > 0 ? facts : undefined, markup: kind === "markup" };
}

/** A message's facts, found by asking it with a recording stand-in. */
function shapeOfMessage(entry: unknown): Shape {
  if (typeof entry !== "function") return { page: false, facts: undefined, markup: false };
  const names = new Set<string>();
  const recorder = new Proxy({}, { get: (_target, name) => (typeof name === "string" && names.add(name), 1) });
  (entry as (facts: object) => string)(recorder);
  return { page: false, facts: [...names], markup: false };
}

function checkEntry(where: string, value: unknown, shape: Shape): unknown {
  if (typeof value === "function") {
    if (shape.facts === undefined) throw invalid(`${where} must be a string (this text is given no facts)`);
    return value;
  }
  if (typeof value !== "string" || value.trim() === "") throw invalid(`${where} must be a non-empty string or a function`);
  const named = [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const unknown = named.filter((name) => !(shape.facts ?? []).includes(name));
  if (unknown.length > 0) throw invalid(`${where} names {${unknown.join("}, {")}}, which this text does not have`);
  if (shape.facts === undefined) return value;
  // A fact that is itself a function (a link the page builds around words) needs a function here.
  if (shape.facts.includes("again")) throw invalid(`${where} must be a function: its {again} makes a link of the words it is given`);
  return shape.markup ? (facts: Record<string, unknown>) => pieces(value, facts) : (facts: Record<string, unknown>) => fill(value, facts);
}

function fill(template: string, facts: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in facts ? String(facts[name]) : whole));
}

/** A template as pieces of a page: its words, and each fact where it names it (an address keeps its markup). */
function pieces(template: string, facts: Record<string, unknown>): unknown[] {
  return template.split(/\{(\w+)\}/).map((piece, i) => (i % 2 === 1 ? facts[piece] : piece));
}

function invalid(message: string): SesameError {
  return new SesameError("invalid_options", message);
}
