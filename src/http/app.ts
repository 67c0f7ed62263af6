/**
 * The HTTP face: routes turn requests into flow calls, and outcomes into pages
 * (for browsers) or JSON (for clients that ask for it). Built once per Sesame
 * instance; nothing here is set up per request.
 */
import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { canonicalizeEmail, maskEmail } from "../core/email.js";
import { generateToken } from "../core/token.js";
import { describeAgo, describeUserAgent } from "../core/user-agent.js";
import { SesameError } from "../core/errors.js";
import type { Flows } from "../core/flows.js";
import type { Account, LinkKind, TokenFailure } from "../core/ports.js";
import { revokeSession, validateSession } from "../core/session.js";
import type { SesameConfig } from "../options.js";
import { readFields } from "./body.js";
import { CAPTCHA_FIELDS, verifyCaptcha } from "./captcha.js";
import { clientAddress } from "./client-address.js";
import {
  clearPendingCookie,
  clearSentCookie,
  clearSessionCookie,
  readPendingCookie,
  readSentCookie,
  readSessionCookie,
  writePendingCookie,
  writeSentCookie,
  writeSessionCookie,
} from "./cookies.js";
import { renderPage } from "./pages/render.js";
import { PAGE_SCRIPT } from "./pages/script.js";
import type { PageContext, PageState } from "./pages/state.js";
import { STYLESHEET } from "./pages/style.js";
import { isCrossSite, securityHeaders } from "./security.js";

/** HTTP status for each reason a link cannot be used. */
const TOKEN_FAILURE_STATUS: Record<TokenFailure, ContentfulStatusCode> = { invalid: 400, expired: 410, used: 410, denied: 410 };
const TOKEN_FAILURE_MESSAGE: Record<TokenFailure, string> = {
  invalid: "This link is not valid.",
  expired: "This link has expired.",
  used: "This link has already been used.",
  denied: "This login request was cancelled with “Not me”.",
};

export function createApp(config: SesameConfig, flows: Flows): Hono {
  const app = new Hono();
  const path = (name: string) => config.basePath + name;
  const pageContext: PageContext = {
    appName: config.appName,
    basePath: config.basePath,
    captcha: config.captcha && { provider: config.captcha.provider, siteKey: config.captcha.siteKey },
  };
  const captchaField = config.captcha ? CAPTCHA_FIELDS[config.captcha.provider] : undefined;
  // hCaptcha's widget also fills in reCAPTCHA's field name, for compatibility; it is ignored.
  const captchaFields = captchaField ? [captchaField, ...(config.captcha?.provider === "hcaptcha" ? ["g-recaptcha-response"] : [])] : [];
  const magicFields = new Set(["email", "website", "next", ...captchaFields]);
  const tokenFields = new Set(["token", "next"]);
  const codeFields = new Set(["code", "next"]);
  const pendingConfig = { ...config, pendingLifetime: Math.max(config.loginLinkTtl, config.signupLinkTtl) };
  const signupFields = new Set(["token", "next", ...config.signupFields.map((field) => field.name)]);

  function page(c: Context, state: PageState, status: ContentfulStatusCode = 200) {
    return c.html(renderPage(state, pageContext), status);
  }

  function failure(c: Context, status: ContentfulStatusCode, code: string, message: string, state?: PageState) {
    if (wantsJson(c.req.raw)) return c.json({ error: { code, message } }, status);
    return page(c, state ?? { page: "error", title: message, message: "" }, status);
  }

  function tokenFailure(c: Context, kind: LinkKind, reason: TokenFailure, next?: string) {
    return failure(c, TOKEN_FAILURE_STATUS[reason], `token_${reason}`, TOKEN_FAILURE_MESSAGE[reason], { page: "link-problem", kind, reason, next });
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
    return failure(c, 400, "invalid_next", "The page to return to must be on this site.");
  }

  app.use("*", securityHeaders({ captcha: config.captcha?.provider, redirectOrigins: config.redirectOrigins }));
  app.use("*", async (c, next) => {
    const safe = c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS";
    if (!safe && isCrossSite(c.req.raw, config.baseUrl.origin)) {
      config.log({ level: "warn", event: "request.cross_site", path: c.req.path });
      return failure(c, 403, "cross_site", "This form was sent from another site. Open the page on this site and try again.");
    }
    await next();
  });

  app.onError((error, c) => {
    if (error instanceof SesameError && (error.code === "store_unavailable" || error.code === "mailer_unavailable")) {
      config.log({ level: "error", event: error.code, error: error.cause ?? error });
      c.header("Retry-After", "30");
      const message =
        error.code === "store_unavailable"
          ? "The service cannot reach its database right now. Nothing was changed; please try again in a moment."
          : "We could not send the e-mail right now. No link was created; please try again in a moment.";
      return failure(c, 503, error.code, message, { page: "error", title: "Please try again shortly", message });
    }
    config.log({ level: "error", event: "internal_error", error });
    return failure(c, 500, "internal_error", "Something went wrong on our side.");
  });

  app.notFound((c) => failure(c, 404, "not_found", "There is no page at this address."));

  app.get(path("assets/sesame.css"), (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(STYLESHEET, 200, { "Content-Type": "text/css; charset=utf-8" });
  });

  app.get(path("assets/sesame.js"), (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(PAGE_SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8" });
  });

  app.get(config.basePath, async (c) => {
    const next = readNext(c.req.query("next"));
    if (next === null) return invalidNext(c);
    const session = await validateSession(config, readSessionCookie(c, config));
    return page(c, session ? { page: "signed-in", account: session.account } : { page: "home", next });
  });

  app.post(path("magic"), async (c) => {
    const body = await readFields(c.req.raw, magicFields);
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const { email = "", website = "", next } = body.fields;
    const client = clientAddress(c.req.raw, c.env, config.trustProxy);

    if (website !== "") {
      // A bot filled in the field people never see: it gets the ordinary answer, and nothing is sent.
      const address = canonicalizeEmail(email);
      config.log({ level: "warn", event: "honeypot.hit", email: address.ok ? maskEmail(address.email) : undefined, client });
      writePendingCookie(c, pendingConfig, generateToken(config.random)); // as an ordinary answer would; it matches nothing
      return linkSent(c, "either", address.ok ? address.email : email.slice(0, 254), undefined);
    }
    if (config.captcha) {
      const verdict = await verifyCaptcha(config.captcha, captchaField && body.fields[captchaField], client?.includes("/") ? undefined : client);
      if (verdict !== "passed") {
        config.log({ level: "warn", event: `captcha.${verdict}`, client });
        if (verdict === "unavailable") {
          c.header("Retry-After", "30");
          return failure(c, 503, "captcha_unavailable", "The check that you are a person could not be completed. Please try again in a moment.");
        }
        return failure(c, 400, "captcha_failed", "Please complete the check that you are a person, then try again.", {
          page: "home",
          email,
          error: "Please complete the check that you are a person, then try again.",
          next,
        });
      }
    }

    const result = await flows.requestLink(email, {
      client,
      next: next === "" ? undefined : next,
      browser: { userAgent: c.req.header("user-agent") ?? null },
      // Under uniform answers the mail goes out after the answer, so timing tells nothing either.
      background: config.uniformResponses ? (delivery) => waitUntil(c, delivery) : undefined,
    });
    if (!result.ok) {
      switch (result.reason) {
        case "invalid_email":
          return failure(c, 400, "invalid_email", result.message, { page: "home", email, error: result.message, next });
        case "invalid_next":
          return invalidNext(c);
        case "rate_limited": {
          c.header("Retry-After", String(result.retryAfterSeconds));
          const message = `Too many link requests. Try again in ${result.retryAfterSeconds} seconds.`;
          if (wantsJson(c.req.raw)) return c.json({ error: { code: "rate_limited", message, retryAfter: result.retryAfterSeconds } }, 429);
          return page(c, { page: "rate-limited", retryAfterSeconds: result.retryAfterSeconds }, 429);
        }
      }
    }
    const purge = flows.purgeIfDue();
    if (purge) waitUntil(c, purge);
    if (result.pendingSecret) writePendingCookie(c, pendingConfig, result.pendingSecret);
    return linkSent(c, config.uniformResponses ? "either" : result.kind, result.email, next === "" ? undefined : next);
  });

  function linkSent(c: Context, kind: LinkKind | "either", email: string, next: string | undefined) {
    if (wantsJson(c.req.raw)) return c.json({ sent: kind === "either" ? "link" : kind }, 202);
    writeSentCookie(c, config, { kind, email, next });
    return c.redirect(path("sent"), 303);
  }

  /** The "check your inbox" page again, with a message or an error for the code field. */
  function sentPage(c: Context, status: ContentfulStatusCode, extra: { codeError?: string; notice?: string }) {
    const sent = readSentCookie(c, config);
    if (!sent) return page(c, { page: "error", title: extra.codeError ?? extra.notice ?? "", message: "Ask for a new link to try again." }, status);
    return page(c, { page: "link-sent", kind: sent.kind, email: sent.email, withCode: readPendingCookie(c, config) !== undefined, ...extra }, status);
  }

  app.get(path("sent"), (c) => {
    const sent = readSentCookie(c, config);
    if (!sent) return c.redirect(config.basePath, 303);
    return page(c, { page: "link-sent", kind: sent.kind, email: sent.email, withCode: readPendingCookie(c, config) !== undefined });
  });

  // The mailed code, typed in the browser that asked (its pending cookie makes the code worth something).
  app.post(path("code"), async (c) => {
    const body = await readFields(c.req.raw, codeFields);
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const next = body.fields.next === undefined ? sentNext(c) : readNext(body.fields.next);
    if (next === null) return invalidNext(c);
    const result = await flows.redeemCode(readPendingCookie(c, config), body.fields.code, readSessionCookie(c, config));
    if (result.ok && result.kind === "login") return signedIn(c, result.account, result.session.token, next);
    if (result.ok) {
      if (wantsJson(c.req.raw)) return c.json({ signup: { email: result.email, fields: config.signupFields } });
      return page(c, { page: "signup-details", token: null, email: result.email, fields: config.signupFields, values: {}, errors: {}, next });
    }
    switch (result.reason) {
      case "malformed_code":
        return codeFailure(c, 400, "code_malformed", "The code has 6 digits.");
      case "wrong_code":
        return codeFailure(c, 400, "code_wrong", `That code is not right. ${result.attemptsLeft} ${result.attemptsLeft === 1 ? "try" : "tries"} left.`);
      case "too_many_attempts":
        return codeFailure(c, 429, "code_attempts_exceeded", "Too many wrong codes: this one no longer works. Ask for a new link.");
      case "no_request":
        return codeFailure(c, 400, "no_pending_request", "This browser has no link request waiting. Ask for a link here first.");
      default:
        return tokenFailure(c, "login", result.reason, next);
    }
  });

  /** The `next` this browser asked with, checked again (the cookie is the browser's to change). */
  function sentNext(c: Context): string | undefined {
    return readNext(readSentCookie(c, config)?.next) ?? undefined;
  }

  function codeFailure(c: Context, status: ContentfulStatusCode, code: string, message: string) {
    if (wantsJson(c.req.raw)) return c.json({ error: { code, message } }, status);
    return sentPage(c, status, { codeError: message });
  }

  // The asking browser checks whether the login was approved on another device, and collects it.
  app.post(path("continue"), async (c) => {
    const body = await readFields(c.req.raw, new Set());
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const result = await flows.claimApproval(readPendingCookie(c, config), readSessionCookie(c, config));
    if (result.status === "logged_in") return signedIn(c, result.account, result.session.token, sentNext(c), { status: "logged_in" });
    if (wantsJson(c.req.raw)) return c.json({ status: result.status });
    const notices = {
      waiting: "Not approved yet. Open the link on the other device and choose “Approve”.",
      denied: "The request was cancelled on the other device.",
      expired: "The link has expired. Ask for a new one.",
      used: "The link was used already.",
      none: "This browser has no link request waiting.",
    };
    return sentPage(c, 200, { notice: notices[result.status] });
  });

  // Opening a link uses it only in the browser that asked for it (scanners never hold that
  // cookie, and HEAD never counts). Anywhere else the page asks for a click.
  app.get(path("login"), async (c) => {
    const next = readNext(c.req.query("next"));
    if (next === null) return invalidNext(c);
    const token = c.req.query("token");
    const pendingSecret = readPendingCookie(c, config);
    if (pendingSecret !== undefined && c.req.method === "GET") {
      const result = await flows.redeemLogin(token, readSessionCookie(c, config), pendingSecret);
      if (result.ok) return signedIn(c, result.account, result.session.token, next);
    }
    const state = await flows.inspectLink("login", token);
    if (state.status === "valid") {
      if (wantsJson(c.req.raw)) return c.json({ kind: "login", email: maskEmail(state.email), expiresAt: state.expiresAt });
      const requester =
        state.pendingHash === null ? undefined : { device: describeUserAgent(state.requestedBy), ago: describeAgo(config.now() - state.createdAt) };
      return page(c, { page: "confirm-login", token: token!, maskedEmail: maskEmail(state.email), next, requester });
    }
    return tokenFailure(c, "login", state.status === "account_exists" ? "invalid" : state.status, next);
  });

  app.post(path("login"), async (c) => {
    const body = await readFields(c.req.raw, tokenFields);
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const next = readNext(body.fields.next);
    if (next === null) return invalidNext(c);
    const result = await flows.redeemLogin(body.fields.token, readSessionCookie(c, config));
    if (!result.ok) return tokenFailure(c, "login", result.reason, next);
    return signedIn(c, result.account, result.session.token, next);
  });

  // From the confirmation page on another device: let the asking browser in, or refuse it.
  app.post(path("approve"), async (c) => {
    const body = await readFields(c.req.raw, tokenFields);
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const result = await flows.approveLogin(body.fields.token);
    if (!result.ok) return tokenFailure(c, "login", result.reason);
    if (wantsJson(c.req.raw)) return c.json({ approved: true });
    return page(c, { page: "approved" });
  });

  app.post(path("deny"), async (c) => {
    const body = await readFields(c.req.raw, tokenFields);
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const result = await flows.denyLogin(body.fields.token);
    if (!result.ok) return tokenFailure(c, "login", result.reason);
    if (wantsJson(c.req.raw)) return c.json({ denied: true });
    return page(c, { page: "denied" });
  });

  app.get(path("signup"), async (c) => {
    const next = readNext(c.req.query("next"));
    if (next === null) return invalidNext(c);
    const token = c.req.query("token");
    const state = await flows.inspectLink("signup", token);
    if (state.status === "account_exists") return accountExists(c, state.email, next);
    if (state.status !== "valid") return tokenFailure(c, "signup", state.status, next);
    if (wantsJson(c.req.raw)) {
      return c.json({ kind: "signup", email: state.email, expiresAt: state.expiresAt, fields: config.signupFields });
    }
    return page(c, { page: "signup-details", token: token!, email: state.email, fields: config.signupFields, values: {}, errors: {}, next });
  });

  app.post(path("signup"), async (c) => {
    const body = await readFields(c.req.raw, signupFields);
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    const { token, next: rawNext, ...details } = body.fields;
    const next = readNext(rawNext);
    if (next === null) return invalidNext(c);
    // Without a token, the form came from the code path: the pending cookie identifies the sign-up.
    const result =
      token === undefined && readPendingCookie(c, config) !== undefined
        ? await flows.completeSignupByCode(readPendingCookie(c, config), details, readSessionCookie(c, config))
        : await flows.completeSignup(token, details, readSessionCookie(c, config));
    if (result.ok) return signedIn(c, result.account, result.session.token, next);
    switch (result.reason) {
      case "account_exists":
        return accountExists(c, result.email, next);
      case "invalid_fields": {
        if (wantsJson(c.req.raw)) return c.json({ error: { code: "invalid_fields", message: "Some fields need attention.", fields: result.errors } }, 400);
        if (token === undefined) {
          const sent = readSentCookie(c, config);
          return page(c, { page: "signup-details", token: null, email: sent?.email ?? "", fields: config.signupFields, values: result.values, errors: result.errors, next }, 400);
        }
        const state = await flows.inspectLink("signup", token);
        if (state.status !== "valid") return tokenFailure(c, "signup", state.status === "account_exists" ? "used" : state.status, next);
        return page(
          c,
          { page: "signup-details", token: token!, email: state.email, fields: config.signupFields, values: result.values, errors: result.errors, next },
          400,
        );
      }
      default:
        return tokenFailure(c, "signup", result.reason, next);
    }
  });

  function accountExists(c: Context, email: string, next: string | undefined) {
    return failure(c, 409, "account_exists", "An account already uses this address. Ask for a login link instead.", { page: "account-exists", email, next });
  }

  app.get(path("session"), async (c) => {
    const session = await validateSession(config, readSessionCookie(c, config));
    if (!session) return c.json({ error: { code: "unauthenticated", message: "Not logged in." } }, 401);
    return c.json({ account: publicAccount(session.account), expiresAt: session.expiresAt });
  });

  app.post(path("logout"), async (c) => {
    const body = await readFields(c.req.raw, new Set());
    if (!body.ok) return failure(c, body.status, body.code, body.message);
    await revokeSession(config, readSessionCookie(c, config));
    clearSessionCookie(c, config);
    config.log({ level: "info", event: "logout" });
    if (wantsJson(c.req.raw)) return c.json({ loggedOut: true });
    return c.redirect(config.basePath, 303);
  });

  app.get(path("healthz"), async (c) => {
    await config.store.ping();
    return c.json({ ok: true });
  });

  const mailbox = config.devMailbox;
  if (mailbox) {
    app.get(path("_dev/mail"), (c) => {
      const messages = mailbox.list();
      if (wantsJson(c.req.raw)) return c.json({ messages });
      return page(c, { page: "dev-mailbox", messages });
    });
  }

  return app;
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

/** Lets work finish after the response where the runtime offers it (Workers); on Node the promise just runs on. */
function waitUntil(c: Context, promise: Promise<unknown>): void {
  try {
    c.executionCtx.waitUntil(promise);
  } catch {
    // No execution context outside Workers.
  }
}
