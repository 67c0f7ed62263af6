/**
 * What the Deno and Bun entries share: the environment read as `sesame serve` reads
 * it, a SQLite file opened with the runtime's own driver, and the mailer. For Deno and
 * Bun only: the file mailer relies on the node:fs both provide.
 */
import { SesameError } from "../core/errors.js";
import type { Mailer } from "../core/ports.js";
import { createSesame, type Sesame } from "../index.js";
import type { DevMailbox} from "../mail/dev.js";
import { DEV_MAILER_BANNER } from "../mail/dev.js";
import { createFileMailer } from "../mail/file.js";
import { HTTP_MAILER_VARIABLES, httpMailerFromEnv } from "../mail/http/from-env.js";
import type { OpenedSqliteFile } from "../store/node-sqlite-file.js";
import { openDevMailbox } from "./dev-mailer.js";
import { ConfigError, readCliConfig, type CliConfig } from "./config.js";
import { startDeliveryLoop } from "./delivery-loop.js";
import { readSecret } from "./secret-file.js";

export interface Standalone {
  sesame: Sesame;
  config: CliConfig;
  /** Lines to print once listening. */
  notices: string[];
  /** After the server has stopped: the last mails go out, then the database closes. */
  close(): Promise<void>;
}

async function prepareStandalone(
  runtime: "Deno" | "Bun",
  env: Record<string, string | undefined>,
  openSqliteFile: (path: string) => Promise<OpenedSqliteFile>,
): Promise<Standalone> {
  const config = readCliConfig(env);
  if (config.database.type !== "sqlite") {
    throw new ConfigError(`on ${runtime}, Sesame keeps its data in a SQLite file (SESAME_DB); DATABASE_URL is for sesame serve on Node`);
  }
  // Before the database, as on Node: a missing secret or mailer is a setting to fix, not an outage.
  const secret = readSecret(config);
  const { mailer, devMailbox } = mailerFor(runtime, env, config);
  const db = await openSqliteFile(config.database.path);
  let sesame: Sesame;
  try {
    sesame = createSesame({
      baseUrl: config.baseUrl,
      store: db.store,
      mailer,
      devMailbox,
      appName: config.appName,
      afterLoginPath: config.afterLoginPath,
      rateLimits: config.rateLimits,
      trustProxy: config.trustProxy,
      uniformResponses: config.uniformResponses,
      ...(config.guessLimit !== undefined && { guessLimit: config.guessLimit }),
      loginNotices: config.loginNotices,
      accentColor: config.accentColor,
      logoUrl: config.logoUrl,
      secret,
      mailRetrySeconds: config.mailRetrySeconds,
      mailLeaseSeconds: config.mailLeaseSeconds,
    });
  } catch (error) {
    db.close();
    throw error;
  }
  const deliveries = startDeliveryLoop(sesame, config.mailRetrySeconds * 1000);
  const notices = devMailbox ? [`sesame: ${DEV_MAILER_BANNER}; mailbox at ${new URL("_dev/mail", withSlash(config.baseUrl)).href}`] : [];
  const close = async () => {
    deliveries.stop();
    await deliveries.finished();
    await sesame.idle();
    db.close();
  };
  return { sesame, config, notices, close };
}

/** A runtime's server, as the shared lifecycle needs it. */
export interface Listening {
  url: string;
  /** Stops accepting and resolves once the requests in flight are answered. */
  stop(): Promise<void>;
}

/**
 * The whole life of a Deno or Bun server: start (or print one line and give 1 for a
 * setting to fix), print where it listens, wait for a stop signal, then stop accepting,
 * send the last mails and close the database. The entries supply only `listen` and
 * how a signal reaches them. Resolves to the exit code.
 */
export async function runStandalone(
  runtime: "Deno" | "Bun",
  env: Record<string, string | undefined>,
  openSqliteFile: (path: string) => Promise<OpenedSqliteFile>,
  listen: (app: Standalone) => Listening,
  onStopSignal: (stop: () => void) => void,
): Promise<number> {
  let app: Standalone;
  let server: Listening;
  try {
    app = await prepareStandalone(runtime, env, openSqliteFile);
    try {
      server = listen(app);
    } catch (error) {
      await app.close();
      throw new ConfigError(`cannot listen on ${app.config.host}:${app.config.port}: ${(error as Error).message}`);
    }
  } catch (error) {
    const problem = startupProblem(error);
    if (!problem) throw error;
    console.error(problem);
    return 1;
  }
  for (const notice of app.notices) console.log(notice);
  // Last, and one line: scripts and tests wait for it.
  console.log(`sesame: listening on ${server.url} (links point to ${app.config.baseUrl})`);
  await new Promise<void>((resolve) => onStopSignal(resolve));
  console.log("sesame: stopping");
  await server.stop();
  await app.close();
  return 0;
}

/** The one line to print for a start-up mistake, or undefined for an error that is a bug. */
function startupProblem(error: unknown): string | undefined {
  if (!(error instanceof ConfigError || error instanceof SesameError)) return undefined;
  // As on Node: only a failed migration's message leaves out its cause; the others carry it already.
  const cause = error instanceof SesameError && error.code === "migration_failed" && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `sesame: ${error.message}${cause}`;
}

/** `http://host:port`, with an IPv6 host in brackets. */
export function listeningUrl(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

function mailerFor(runtime: string, env: Record<string, string | undefined>, config: CliConfig): { mailer: Mailer; devMailbox?: DevMailbox } {
  // An HTTP provider's credentials choose it, unless SESAME_MAILER says otherwise.
  if (env.SESAME_MAILER === undefined) {
    const http = httpMailerFromEnv(env, config.mailFrom, "SESAME_MAIL_FROM");
    if (http) return { mailer: http };
  }
  const setting = config.mailer;
  switch (setting.type) {
    case "dev": {
      const devMailbox = openDevMailbox(config.host, config.baseUrl);
      return { mailer: devMailbox, devMailbox };
    }
    case "file":
      return { mailer: createFileMailer(setting.path) };
    case "smtp":
      throw new ConfigError(`SMTP is offered on Node only; on ${runtime} set SESAME_MAILER=dev or file:PATH, or ${HTTP_MAILER_VARIABLES} with SESAME_MAIL_FROM`);
  }
}


function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}
