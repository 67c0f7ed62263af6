/**
 * Cloudflare Workers entry: `export default { fetch, scheduled }`, on D1.
 *
 * Bindings: `DB` (D1), `SESAME_BASE_URL`, `MAIL_FROM`, and one mail provider:
 * `RESEND_API_KEY`, `POSTMARK_SERVER_TOKEN`, or `SES_REGION` + `SES_ACCESS_KEY_ID` +
 * `SES_SECRET_ACCESS_KEY` (each provider's `*_ENDPOINT` may point elsewhere). Optional:
 * `SESAME_APP_NAME`, `SESAME_UNIFORM_RESPONSES` ("on"), `SESAME_RATE_LIMIT_ADDRESS` and
 * `SESAME_RATE_LIMIT_CLIENT` (as for `sesame serve`: `1/60,5/3600` or `off`). The cron trigger purges.
 */
import { SesameError } from "../core/errors.js";
import type { Mailer } from "../core/ports.js";
import { createSesame, type Sesame } from "../index.js";
import { parseRateLimitSetting } from "../options.js";
import { createPostmarkMailer } from "../mail/http/postmark.js";
import { createResendMailer } from "../mail/http/resend.js";
import { createSesMailer } from "../mail/http/ses.js";
import { createD1Executor, type D1Database } from "../store/d1.js";
import { migrate } from "../store/migrate.js";
import { sqliteMigrations } from "../store/migrations/sqlite.js";
import { SqlStore } from "../store/sql-store.js";

export interface Env {
  DB: D1Database;
  SESAME_BASE_URL: string;
  MAIL_FROM?: string;
  SESAME_APP_NAME?: string;
  SESAME_UNIFORM_RESPONSES?: string;
  SESAME_RATE_LIMIT_ADDRESS?: string;
  SESAME_RATE_LIMIT_CLIENT?: string;
  RESEND_API_KEY?: string;
  RESEND_ENDPOINT?: string;
  POSTMARK_SERVER_TOKEN?: string;
  POSTMARK_ENDPOINT?: string;
  SES_REGION?: string;
  SES_ACCESS_KEY_ID?: string;
  SES_SECRET_ACCESS_KEY?: string;
  SES_ENDPOINT?: string;
}

interface Context {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
}

// One Sesame per isolate: routes, prepared schema check and mailer are built once, not per request.
let current: { env: Env; sesame: Promise<Sesame> } | undefined;

function sesameFor(env: Env): Promise<Sesame> {
  if (current?.env === env) return current.sesame;
  const sesame = (async () => {
    const executor = createD1Executor(env.DB);
    await migrate(executor, sqliteMigrations);
    return createSesame({
      baseUrl: env.SESAME_BASE_URL,
      store: new SqlStore(executor),
      mailer: mailerFor(env),
      appName: env.SESAME_APP_NAME,
      uniformResponses: env.SESAME_UNIFORM_RESPONSES === "on",
      rateLimits: {
        ...(env.SESAME_RATE_LIMIT_ADDRESS !== undefined && { perAddress: rules(env.SESAME_RATE_LIMIT_ADDRESS, "SESAME_RATE_LIMIT_ADDRESS") }),
        ...(env.SESAME_RATE_LIMIT_CLIENT !== undefined && { perClient: rules(env.SESAME_RATE_LIMIT_CLIENT, "SESAME_RATE_LIMIT_CLIENT") }),
      },
      // Cloudflare sets this header itself; a client cannot.
      trustProxy: { header: "cf-connecting-ip" },
    });
  })();
  current = { env, sesame };
  // A failed start (say, D1 unreachable) is tried again by the next request.
  sesame.catch(() => {
    if (current?.sesame === sesame) current = undefined;
  });
  return sesame;
}

function rules(value: string, name: string) {
  const parsed = parseRateLimitSetting(value);
  if (!parsed) throw new SesameError("invalid_options", `${name} must be like 1/60,5/3600 or off`);
  return parsed;
}

function mailerFor(env: Env): Mailer {
  const from = env.MAIL_FROM;
  if (!from) throw new SesameError("invalid_options", "MAIL_FROM is not set");
  if (env.RESEND_API_KEY) return createResendMailer({ apiKey: env.RESEND_API_KEY, from, ...(env.RESEND_ENDPOINT && { endpoint: env.RESEND_ENDPOINT }) });
  if (env.POSTMARK_SERVER_TOKEN) {
    return createPostmarkMailer({ serverToken: env.POSTMARK_SERVER_TOKEN, from, ...(env.POSTMARK_ENDPOINT && { endpoint: env.POSTMARK_ENDPOINT }) });
  }
  if (env.SES_REGION && env.SES_ACCESS_KEY_ID && env.SES_SECRET_ACCESS_KEY) {
    return createSesMailer({
      region: env.SES_REGION,
      accessKeyId: env.SES_ACCESS_KEY_ID,
      secretAccessKey: env.SES_SECRET_ACCESS_KEY,
      from,
      ...(env.SES_ENDPOINT && { endpoint: env.SES_ENDPOINT }),
    });
  }
  throw new SesameError("invalid_options", "no mail provider is configured: set RESEND_API_KEY, POSTMARK_SERVER_TOKEN or the SES_* bindings");
}

export default {
  async fetch(request: Request, env: Env, ctx: Context): Promise<Response> {
    let sesame: Sesame;
    try {
      sesame = await sesameFor(env);
    } catch (error) {
      const message = error instanceof SesameError && error.code === "invalid_options" ? `Sesame is not configured: ${error.message}` : "Sesame could not start.";
      console.error(JSON.stringify({ level: "error", event: "start_failed", message: (error as Error).message }));
      return new Response(message, { status: 503, headers: { "content-type": "text/plain; charset=utf-8", "retry-after": "30" } });
    }
    return sesame.fetch(request, env, ctx as never);
  },

  async scheduled(_event: unknown, env: Env, ctx: Context): Promise<void> {
    ctx.waitUntil(sesameFor(env).then((sesame) => sesame.purgeExpired()));
  },
};
