/**
 * How routes answer: pages for browsers, JSON for clients that ask for it, and the
 * few answers several routes share (a link that cannot be used, a login that
 * worked, a refused `next`). Built once per Sesame instance.
 */
import type { Context, ExecutionContext } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Flows, RequestContext } from "../core/flows.js";
import type { Account, LinkKind, TokenFailure } from "../core/ports.js";
import type { EmailRefusal } from "../core/email.js";
import type { AddressRefusal } from "../core/links/address-policy.js";
import type { FieldProblem } from "../core/links/signup-fields.js";
import type { SesameConfig } from "../options.js";
import { clientAddress } from "./client-address.js";
import { LANGUAGE_COOKIE, requestLocale } from "./locale.js";
import { setCookie } from "hono/cookie";
import { chooseLocale, loadLocaleMatcher, type Locale } from "../i18n/locales.js";
import { formatDuration } from "../i18n/format.js";
import { displayEmail } from "../i18n/address.js";
import { MESSAGE_CATALOGUE, messages, type Messages, type Say } from "./messages/index.js";
import { overlay } from "../i18n/catalogue.js";
import { loadOnce } from "../load-once.js";
import type { PageWords } from "./pages/words/index.js";
import { clearPendingCookie, clearSentCookie, writeSessionCookie } from "./cookies.js";
import type { PageContext, PageState } from "./pages/state.js";
import type { SecurityHeaders } from "./security.js";

/** HTTP status for each reason a link cannot be used. */
const TOKEN_FAILURE_STATUS: Record<TokenFailure, ContentfulStatusCode> = { invalid: 400, expired: 410, used: 410, denied: 410 };

export type Http = ReturnType<typeof createHttp>;

export function createHttp(config: SesameConfig, flows: Flows, security: SecurityHeaders) {
  const path = (name: string) => config.basePath + name;
  const pageContext: Omit<PageContext, "locale" | "words" | "path"> = {
    appName: config.appName,
    logoUrl: config.logoUrl,
    stylesheetUrl: config.stylesheetUrl,
    basePath: config.basePath,
    captcha: config.captcha && { provider: config.captcha.provider, siteKey: config.captcha.siteKey },
  };

  /**
   * Where the language switch leads: this page again (its query kept, `lang` replaced), so a
   * link's page stays that link's page. An error page's switch leads home: every "not here"
   * answer must read the same whatever the path (S28).
   */
  function switchBase(c: Context, state: PageState): string | undefined {
    if (state.page === "error") return undefined;
    const url = new URL(c.req.url);
    url.searchParams.delete("lang");
    url.searchParams.set("lang", "");
    // `lang` last and empty: the switch appends each language to it.
    return `${url.pathname}?${url.searchParams.toString()}`;
  }

  /**
   * The language of this request's answer (the pages and the messages speak every language
   * Sesame has): chosen once per request, however many sentences and pages ask.
   */
  function localeOf(c: Context): Locale {
    let locale = locales.get(c.req.raw);
    if (locale === undefined) locales.set(c.req.raw, (locale = requestLocale(c, config.locale)));
    return locale;
  }
  const locales = new WeakMap<Request, Locale>();

  /**
   * Loads what choosing the request's language and speaking it takes, when this is the first
   * request to need it: the Accept-Language matcher, then the language's messages (pages load
   * their words in `pages`). Undefined when everything is loaded already.
   */
  function loadLanguage(c: Context): Promise<void> | undefined {
    const matcher = loadLocaleMatcher();
    if (matcher) return matcher.then(() => MESSAGE_CATALOGUE.load(localeOf(c)));
    return MESSAGE_CATALOGUE.load(localeOf(c));
  }

  /** The pages' code and the words of the request's language, loaded on the first page asked for. */
  async function pages(c: Context) {
    const loaded = await loadPages();
    await loaded.PAGE_CATALOGUE.load(localeOf(c));
    return loaded;
  }
  const loadPages = loadOnce(() => import("./pages/load.js"));

  async function page(c: Context, state: PageState, status: ContentfulStatusCode = 200): Promise<Response> {
    // Headless: the app's pages speak to the JSON API; a request for one of Sesame's own is told where they are.
    if (config.pagesUrl) {
      const message = `This service's own pages are off: the app's pages at ${config.pagesUrl.href} use its JSON API (send Accept: application/json).`;
      return c.json({ error: { code: "pages_off", message } }, 404);
    }
    const locale = localeOf(c);
    // Chosen from the language switch: remembered for the pages (and the mail) that follow.
    if (c.req.query("lang") !== undefined && chooseLocale(c.req.query("lang")) !== undefined) {
      setCookie(c, LANGUAGE_COOKIE, locale, { path: config.basePath, maxAge: 365 * 24 * 3600, sameSite: "Lax", httpOnly: true, secure: config.secureCookies });
    }
    const { renderPage, pageWords } = await pages(c);
    const words = overlay(pageWords(locale), config.pageText?.pages.get(locale), ownPageWords);
    return c.html(renderPage(state, { ...pageContext, locale, words, path: switchBase(c, state) }), status);
  }

  /** The messages in a language: the app's words (`pageText`) over the catalogue's. */
  function messagesIn(locale: Locale) {
    return overlay(messages(locale), config.pageText?.messages.get(locale), ownMessages);
  }
  const ownPageWords = new WeakMap<PageWords, PageWords>();
  const ownMessages = new WeakMap<Messages, Messages>();

  /** A sentence from the message catalogue, in the request's language. */
  function say(c: Context, what: Say): string {
    return what(messagesIn(localeOf(c)));
  }

  /**
   * An answer that refuses: JSON `{ error: { code, message } }`, or a page (the error page
   * titled with the message, or the state given, which may be built from the message).
   */
  function failure(c: Context, status: ContentfulStatusCode, code: string, what: Say, state?: PageState | ((message: string) => PageState)) {
    const message = say(c, what);
    if (wantsJson(c.req.raw)) return c.json({ error: { code, message } }, status);
    const shown = typeof state === "function" ? state(message) : (state ?? { page: "error", title: message, message: "" });
    return page(c, shown, status);
  }

  function tokenFailure(c: Context, kind: LinkKind, reason: TokenFailure, next?: string) {
    return failure(c, TOKEN_FAILURE_STATUS[reason], `token_${reason}`, (m) => m[`token_${reason}`], { page: "link-problem", kind, reason, next });
  }

  function signedIn(c: Context, account: Account, token: string, next: string | undefined, json: Record<string, unknown> = {}) {
    writeSessionCookie(c, config, token);
    clearSentCookie(c, config);
    clearPendingCookie(c, config);
    const destination = next ?? config.afterLoginPath;
    if (wantsJson(c.req.raw)) return c.json({ ...json, account: publicAccount(account), next: destination });
    return c.redirect(destination, 303);
  }

  /** A `next` value checked against S14: undefined when absent, null when refused. */
  function readNext(value: string | undefined): string | undefined | null {
    return value === undefined || value === "" ? undefined : flows.checkNext(value);
  }

  function invalidNext(c: Context) {
    return failure(c, 400, "invalid_next", (m) => m.invalid_next);
  }

  /** Who is asking, for the flows' audit log and login notices; work after the answer runs on where the runtime lets it. */
  function requestContext(c: Context): RequestContext {
    return {
      client: clientAddress(c.req.raw, c.env, config.trustProxy),
      userAgent: c.req.header("user-agent") ?? null,
      locale: localeOf(c),
      background: (delivery) => waitUntil(c, delivery),
    };
  }

  /** 429 with Retry-After: too many wrong codes and approval numbers for the address (S27). */
  function guessesLocked(c: Context, retryAfterSeconds: number) {
    c.header("Retry-After", String(retryAfterSeconds));
    const wait = formatDuration(localeOf(c), Math.ceil(retryAfterSeconds / 60) * 60_000);
    return failure(c, 429, "guesses_exceeded", (m) => m.guesses_exceeded({ wait }));
  }

  /** Each field's problem, said in the request's language with the field's label in it. */
  function fieldErrors(c: Context, problems: Record<string, FieldProblem>): Record<string, string> {
    const locale = localeOf(c);
    const m = messagesIn(locale);
    const errors: Record<string, string> = {};
    for (const field of config.signupFields) {
      const problem = problems[field.name];
      if (!problem) continue;
      const label = field.labels?.[locale] ?? field.label;
      errors[field.name] =
        problem === "required"
          ? m.field_required({ field: label })
          : problem === "too_long"
            ? m.field_too_long({ field: label, max: field.maxLength })
            : m.field_control_character({ field: label });
    }
    return errors;
  }

  return {
    loadLanguage,
    messagesIn,
    config,
    flows,
    security,
    path,
    page,
    localeOf,
    say,
    fieldErrors,
    failure,
    tokenFailure,
    signedIn,
    readNext,
    invalidNext,
    requestContext,
    guessesLocked,
  };
}

/** Why an address cannot be used, as a sentence: the typed address's flaw, or its domain's refusal. */
export function addressProblem(
  refused: { reason: "invalid_email"; refusal: EmailRefusal } | { reason: "address_refused"; refusal: AddressRefusal; domain: string },
): Say {
  if (refused.reason === "invalid_email") return (m) => m[`email_${refused.refusal}`];
  const domain = displayEmail(`@${refused.domain}`).slice(1);
  return (m) => m[refused.refusal]({ domain });
}

/** JSON for clients that ask for it; pages for everyone else (browsers send Accept: text/html). */
export function wantsJson(request: Request): boolean {
  const type = request.headers.get("content-type") ?? "";
  if (/^application\/json\b/i.test(type)) return true;
  const accept = request.headers.get("accept") ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}

export function publicAccount(account: Account) {
  return { id: account.id, email: account.email, name: account.name, profile: account.profile, createdAt: new Date(account.createdAt).toISOString() };
}

/** The runtime's execution context (Workers), or undefined where there is none (Node, Deno, Bun). */
export function executionContext(c: Context): ExecutionContext | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}

/** Lets work finish after the response where the runtime offers it (Workers); on Node the promise just runs on. */
export function waitUntil(c: Context, promise: Promise<unknown>): void {
  try {
    c.executionCtx.waitUntil(promise);
  } catch {
    // No execution context outside Workers.
  }
}
