/**
 * createSesame: options in, a Sesame out (its fetch handler, its Hono app, and the library
 * API over the same flows). Apart from the package's index so that an entry that needs only
 * this (the Worker) does not pull in every mailer and store the index re-exports.
 */
import type { ExecutionContext } from "hono";
import { createFlows } from "./core/flows.js";
import type { ValidSession } from "./core/sessions/session.js";
import type { AccessTokenOutcome } from "./core/tokens/access-token.js";
import { createApp } from "./http/app.js";
import { requireAccountMiddleware, sessionMiddleware } from "./http/require-account.js";
import { sessionFromRequest } from "./http/cookies.js";
import { resolveOptions, type SesameOptions } from "./options.js";
import { SesameError } from "./core/errors.js";
import type { DeletionOutcome, EmailChangeOutcome, EmailChangeRequestOutcome, ProfileOutcome, Unauthenticated } from "./core/flows.js";
import type { Account } from "./core/ports.js";

/**
 * Where the runtime gives no execution context (Node, Deno, Bun), work after the answer
 * simply runs on. Handing Hono this one spares a thrown and caught error per link request.
 */
const RUNS_ON: ExecutionContext = { waitUntil() {}, passThroughOnException() {}, props: {} };

/** Whose account: a request (or its headers) carrying the session cookie, or the session secret itself. */
export type Caller = Request | Headers | string;

export function createSesame(options: SesameOptions) {
  const config = resolveOptions(options);
  const secretOf = (caller: Caller): string | undefined => (typeof caller === "string" ? caller : sessionFromRequest(caller, config));
  const flows = config.tracing ? config.tracing.traceFlows(createFlows(config)) : createFlows(config);
  const app = createApp(config, flows);
  const authenticate = (request: Request | Headers): Promise<ValidSession | null> => flows.validateSession(sessionFromRequest(request, config));

  return {
    /** The whole HTTP interface as one `(Request) => Promise<Response>` function. */
    // Hono's fetch may answer synchronously; callers get one type to await.
    fetch: async (request: Request, env?: unknown, executionCtx?: ExecutionContext): Promise<Response> => app.fetch(request, env, executionCtx ?? RUNS_ON),
    /** The Hono app, to mount inside another Hono app. */
    app,
    /** The path every route lives under, ending in `/` (`/` or `/auth/`), from `baseUrl`: where to mount Sesame. */
    basePath: config.basePath,
    requestLink: flows.requestLink,
    inspectLink: flows.inspectLink,
    redeemLogin: flows.redeemLogin,
    completeSignup: flows.completeSignup,
    validateSession: (sessionToken: string): Promise<ValidSession | null> => flows.validateSession(sessionToken),
    /**
     * Ends a session: the caller's own (logging out), or with `sessionId` (an id from
     * `listSessions`) another session of the same account.
     */
    revokeSession: async (caller: Caller, sessionId?: string): Promise<{ ok: true } | { ok: false; reason: "not_found" } | Unauthenticated> => {
      if (sessionId === undefined) return (await flows.revokeSession(secretOf(caller)), { ok: true });
      return flows.revokeSessionById(secretOf(caller), sessionId);
    },
    /** The caller's account: `{ ok: true, account }`, or `{ ok: false, reason: "unauthenticated" }`. */
    getAccount: (caller: Caller) => flows.getAccount(secretOf(caller)),
    /** Replaces the caller's name and sign-up fields, checked as at sign-up. */
    updateProfile: (caller: Caller, fields: Record<string, string>): Promise<ProfileOutcome> => flows.updateProfile(secretOf(caller), fields),
    /** The devices the caller's account is logged in on, the most recently used first; `current` marks the caller's. */
    listSessions: (caller: Caller) => flows.listSessions(secretOf(caller)),
    /** "Log out everywhere else". */
    revokeOtherSessions: (caller: Caller) => flows.revokeOtherSessions(secretOf(caller)),
    /**
     * Deletes the caller's account, its sessions, links and mail, and mails a notice; only
     * within 10 minutes of a login (else `reauthentication_required`).
     */
    deleteAccount: (caller: Caller): Promise<DeletionOutcome> => flows.deleteAccount(secretOf(caller)),
    /**
     * Mails a link to `newEmail` that moves the caller's account there (valid an hour,
     * once): `{ ok: true, email }`, or why not (`invalid_email`, `same_address`, `rate_limited`).
     */
    requestEmailChange: (caller: Caller, newEmail: string): Promise<EmailChangeRequestOutcome> => flows.requestEmailChange(secretOf(caller), newEmail),
    /** Uses a change-of-address link's token: `{ ok: true, account, previousEmail }`, or `taken` or why the link is unusable. */
    confirmEmailChange: (token: string): Promise<EmailChangeOutcome> => flows.confirmEmailChange(token),
    /** For operators: an account by id or address (any spelling), or null. */
    findAccount: flows.findAccount,
    /** For operators: accounts in address order, `search` matching anywhere in the address, `after` the last address of the previous page. */
    listAccounts: flows.listAccounts,
    /** For operators: an account's live sessions, the most recently used first. */
    listSessionsOf: flows.listSessionsOf,
    /** For operators: what happened to an account (created, logins, logouts, address changes, deletion), newest first, kept 90 days. */
    listAccountEvents: flows.listAccountEvents,
    /** For operators: a sign-up link for an address without an account, mailed (`send: true`) or returned as `url`. */
    inviteAccount: (email: string, options: { send: boolean } = { send: true }) => flows.inviteAccount(email, options),
    /** For operators: deletes an account as `deleteAccount` does, without asking for a login; the account deleted, or null. */
    removeAccount: (accountId: string): Promise<Account | null> => flows.removeAccount(accountId),
    /** For operators: ends every session of an account; how many ended. */
    endSessions: (accountId: string): Promise<number> => flows.endSessionsOf(accountId),
    /** The logged-in account for a request to the host app (or its headers), from Sesame's session cookie; null when there is none. */
    authenticate,
    /** A short-lived JWT for the session a request's cookie holds (what `POST /token` answers), or `{ ok: false, reason: "unauthenticated" }`. */
    issueToken: (request: Request | Headers): Promise<AccessTokenOutcome> => flows.issueAccessToken(sessionFromRequest(request, config)),
    /** The same, from the session secret itself. */
    issueAccessToken: flows.issueAccessToken,
    /** The public keys `/.well-known/jwks.json` serves, and how long a cache may keep them. */
    publishedKeys: flows.publishedKeys,
    /** A new signing key from now on (`sesame keys rotate`); tokens signed before still verify until they expire. */
    rotateSigningKeys: flows.rotateSigningKeys,
    /** Hono: sets `c.var.session` (`{ account, expiresAt }` or null) on a host app's routes. */
    middleware: () => sessionMiddleware(authenticate),
    /** Hono: lets only logged-in requests through; a browser goes to the login form and comes back, an API gets 401. */
    requireAccount: () => requireAccountMiddleware(authenticate, config.basePath),
    /** Deletes what expired more than a week ago (the hourly purge, on demand); after `drain()` it starts no step and answers `stopped: true`. */
    purgeExpired: flows.purgeExpired,
    /** The metrics in Prometheus's text format (with `metrics` set), for a host that serves them its own way. */
    metrics: async (): Promise<string> => {
      if (!config.metrics) throw new SesameError("invalid_options", "metrics are not kept: pass createPrometheusMetrics() as the metrics option");
      return config.metrics.render(await flows.outboxStats(), config.now());
    },
    /** What `/readyz` answers: `{ ready: true }`, or why not (draining, database unreachable, schema outdated). */
    checkReady: flows.checkReady,
    /** From now on `/readyz` answers 503 and no purge starts (one under way stops after its current step): call it when stopping, before the server stops accepting requests. */
    drain: flows.drain,
    /** Sends queued mails that are due (failed earlier, or left by a stopped instance); run it every few seconds or from cron. */
    deliverQueuedMail: flows.deliverQueuedMail,
    /** Sends the webhooks that are due (failed earlier, or left by a stopped instance); the delivery loop and the Worker's cron run it. */
    deliverWebhooks: flows.deliverWebhooks,
    /** Resolves when every mail and webhook attempt started so far has been made and recorded, and a purge under way is done (or, after `drain()`, its current step): await it before shutting down. */
    idle: flows.idle,
  };
}

export type Sesame = ReturnType<typeof createSesame>;
