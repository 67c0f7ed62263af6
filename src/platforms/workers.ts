/**
 * Cloudflare Workers entry: `export default { fetch, scheduled }`, on D1.
 *
 * Bindings: `DB` (D1), `SESAME_BASE_URL`, `SESAME_MAIL_FROM` (`MAIL_FROM`, its old name, is
 * read with a warning until the next release), and one mail provider: `RESEND_API_KEY`,
 * `POSTMARK_SERVER_TOKEN`, or `SES_REGION` + `SES_ACCESS_KEY_ID` + `SES_SECRET_ACCESS_KEY`
 * (each provider's `*_ENDPOINT` may point elsewhere). Optional, as for `sesame serve`:
 * `SESAME_APP_NAME`, `SESAME_ACCENT_COLOR`, `SESAME_LOGO_URL`, `SESAME_AFTER_LOGIN_PATH`,
 * `SESAME_UNIFORM_RESPONSES`, `SESAME_GUESS_LIMIT`, `SESAME_LOGIN_NOTICES`,
 * `SESAME_RATE_LIMIT_ADDRESS`, `SESAME_RATE_LIMIT_CLIENT`, `SESAME_MAIL_RETRY_SECONDS`,
 * `SESAME_MAIL_LEASE_SECONDS` (see src/config/environment.ts). Secret: `SESAME_SECRET`
 * (seals queued mail). The client address is Cloudflare's `cf-connecting-ip`. The cron
 * trigger sends the queued mail that is due (earlier failures) and purges. With an
 * Analytics Engine dataset bound as `SESAME_ANALYTICS`, the metrics go there.
 *
 * Under `wrangler dev`, `SESAME_MAILER=dev` with an `http://localhost…` base URL shows
 * every mail at /_dev/mail instead of sending it; any other base URL refuses it.
 *
 *   // src/index.ts of a Worker project: the ready Worker, configured by its variables
 *   export { default } from "sesame/workers";
 *
 *   // or with options the variables cannot express (sign-up fields, a logger, …)
 *   import { createWorker } from "sesame/workers";
 *   export default createWorker({ signupFields: [{ name: "company", label: "Company" }] });
 */
import { createSesame, type Sesame } from "../sesame.js";
import type { SesameOptions } from "../options.js";
import type { AnalyticsEngineDataset } from "../metrics/analytics-engine.js";
import { createD1Executor, type D1Database } from "../store/d1.js";
import { migrate } from "../store/migrate.js";
import { SqlStore } from "../store/sql-store.js";
import { notStarted, optionsFromEnv, type SesameEnv } from "./env-options.js";

export interface Env extends SesameEnv {
  DB: D1Database;
  /** An Analytics Engine dataset: the metrics are written there as data points (see metrics/analytics-engine.ts). */
  SESAME_ANALYTICS?: AnalyticsEngineDataset;
  SESAME_BASE_URL: string;
  SESAME_SECRET: string;
}

/** What a Worker's code adds to (or puts in place of) what its variables set; the store is always its D1 `DB`. */
export type WorkerOptions = Partial<Omit<SesameOptions, "store">>;

interface Context {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
}

export interface SesameWorker {
  fetch(request: Request, env: Env, ctx: Context): Promise<Response>;
  scheduled(event: unknown, env: Env, ctx: Context): Promise<void>;
}

/** A Worker serving Sesame: options from the variables, then `options` (or `options(env)`) over them. */
export function createWorker(options: WorkerOptions | ((env: Env) => WorkerOptions) = {}): SesameWorker {
  // One Sesame per isolate: routes, prepared schema check and mailer are built once, not per request.
  let current: { env: Env; sesame: Promise<Sesame> } | undefined;

  function sesameFor(env: Env): Promise<Sesame> {
    if (current?.env === env) return current.sesame;
    const sesame = (async () => {
      // Settings first: a misconfigured Worker answers 503 without touching D1.
      const fromEnv = optionsFromEnv(env);
      const own = typeof options === "function" ? options(env) : options;
      const executor = createD1Executor(env.DB);
      // The schema's statements load only here, once per isolate: the requests after never need them.
      const { sqliteMigrations } = await import("../store/migrations/sqlite.js");
      await migrate(executor, sqliteMigrations);
      // Loaded only where a dataset is bound.
      const metrics = env.SESAME_ANALYTICS && (await import("../metrics/analytics-engine.js")).createAnalyticsEngineMetrics(env.SESAME_ANALYTICS);
      // The options trust cf-connecting-ip: Cloudflare sets this header itself; a client cannot.
      return createSesame({ ...fromEnv, ...(metrics && { metrics }), ...own, store: new SqlStore(executor) });
    })();
    current = { env, sesame };
    // A failed start (say, D1 unreachable) is tried again by the next request.
    sesame.catch(() => {
      if (current?.sesame === sesame) current = undefined;
    });
    return sesame;
  }

  return {
    async fetch(request, env, ctx) {
      let sesame: Sesame;
      try {
        sesame = await sesameFor(env);
      } catch (error) {
        return notStarted(error);
      }
      return sesame.fetch(request, env, ctx as never);
    },

    async scheduled(_event, env, ctx) {
      ctx.waitUntil(
        sesameFor(env).then(async (sesame) => {
          // Mail and webhooks in turn; one failing (logged) leaves the other to run.
          await Promise.allSettled([sesame.deliverQueuedMail(), sesame.deliverWebhooks()]);
          await sesame.purgeExpired();
          // The outbox's state, as a data point, once per cron run.
          if (env.SESAME_ANALYTICS) await sesame.metrics();
        }),
      );
    },
  };
}

export { createD1Executor, type D1Database } from "../store/d1.js";

/** The Worker configured by its variables alone. */
export default createWorker();
