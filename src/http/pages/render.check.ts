/**
 * Test support for the page tests (render*.test.ts): the two contexts, a hostile string
 * and its escaped form, sign-up fields, an account, and three ways to look into the HTML.
 * Nothing here runs in Sesame.
 */
import type { ResolvedSignupField } from "../../options.js";
import type { PageContext } from "./state.js";
import { en } from "./words/en.js";

export const context: PageContext = { appName: "Sesame", basePath: "/", locale: "en", words: en };
export const auth: PageContext = { appName: "Acme", basePath: "/auth/", locale: "en", words: en };
export const EVIL = "<script>alert(1)</script>";
export const EVIL_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

export const fields: ResolvedSignupField[] = [
  { name: "name", label: "Your name", required: true, maxLength: 80, autocomplete: "name" },
  { name: "company", label: "Company", required: false, maxLength: 120, autocomplete: undefined },
];

export const account = { id: "a1", email: "ann@example.com", name: "Ann", profile: {}, createdAt: 0 };

export function count(html: string, pattern: RegExp): number {
  return html.match(new RegExp(pattern.source, "g"))?.length ?? 0;
}

/** Every `<input>` tag in the document. */
export function inputs(html: string): string[] {
  return html.match(/<input\b[^>]*>/g) ?? [];
}

export function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}
