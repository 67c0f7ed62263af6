/**
 * What the Deno and Bun entries share: the environment read as every entry reads it
 * (src/config/environment.ts), a SQLite file opened with the runtime's own driver, and
 * the mailer. For Deno and Bun only: the file mailer relies on the node:fs both provide.
 */
import { ConfigError } from "../core/errors.js";
import { createSesame, type Sesame } from "../index.js";
import { DEFAULT_MAIL_RETRY_SECONDS, readEnvironment, sesameOptionsFrom, type ServerConfig } from "../config/environment.js";
import type { OpenedSqliteFile } from "../store/node-sqlite-file.js";
import { currentUser } from "../store/open-sqlite-file.js";
import { startDeliveryLoop } from "./delivery-loop.js";
import { openMailer } from "./dev-mailer.js";
import { readSecret } from "./secret-file.js";
import { devMailboxNotice, drainFor, printWarning, startupFailed } from "./startup.js";

export interface Standalone {
  sesame: Sesame;
  config: ServerConfig;
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
  // Refuses by name what this runtime cannot offer: DATABASE_URL, SMTP.
  const config = readEnvironment(env, { platform: runtime === "Deno" ? "deno" : "bun", warn: printWarning });
  if (config.database.type !== "sqlite") throw new ConfigError(`on ${runtime}, Sesame keeps its data in a SQLite file (SESAME_DB)`); // refused above already
  // Deno tells who this is only with --allow-sys=uid: without it, no file of another user's is refused (S32).
  if (process.platform !== "win32" && currentUser() === undefined) {
    printWarning(`the owners of the database and key files are not checked: ${runtime} cannot tell which user this is (run Deno with --allow-sys=uid)`);
  }
  // Before the database, as on Node: a missing secret or mailer is a setting to fix, not an outage.
  const secret = readSecret(config);
  const { mailer, devMailbox } = await openMailer(config);
  const db = await openSqliteFile(config.database.path);
  let sesame: Sesame;
  try {
    sesame = createSesame({ ...sesameOptionsFrom(config), store: db.store, mailer, devMailbox, secret });
  } catch (error) {
    db.close();
    throw error;
  }
  const deliveries = startDeliveryLoop(sesame, (config.mailRetrySeconds ?? DEFAULT_MAIL_RETRY_SECONDS) * 1000);
  const notices = devMailbox ? [devMailboxNotice(config.baseUrl)] : [];
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
    return startupFailed(error);
  }
  for (const notice of app.notices) console.log(notice);
  // Last, and one line: scripts and tests wait for it.
  console.log(`sesame: listening on ${server.url} (links point to ${app.config.baseUrl})`);
  await new Promise<void>((resolve) => onStopSignal(resolve));
  console.log("sesame: stopping");
  await drainFor(app.sesame, app.config.drainSeconds);
  await server.stop();
  await app.close();
  return 0;
}

/** `http://host:port`, with an IPv6 host in brackets. */
export function listeningUrl(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
