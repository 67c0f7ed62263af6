/**
 * `sesame serve | migrate | deliver | purge | check` on Node, configured from the
 * environment as every entry is (src/config/environment.ts).
 */
import { createSesame } from "../index.js";
import { accountsCommand, ACCOUNTS_USAGE } from "./accounts.js";
import { backupCommand, restoreCommand } from "./backup.js";
import { createPrometheusMetrics } from "../metrics/prometheus.js";
import { loadOptionalPackage } from "../packages/optional.js";
import { createTracing } from "../tracing/opentelemetry.js";
import { loadDisposableDomains } from "../domains/disposable.js";
import { ConfigError } from "../core/errors.js";
import type { Mailer, Store } from "../core/ports.js";
import { DEFAULT_MAIL_RETRY_SECONDS, readEnvironment, sesameOptionsFrom, type DatabaseSetting, type ServerConfig } from "../config/environment.js";
import { createSmtpMailer } from "../mail/smtp.js";
import { EVENTS_KEPT, PURGE_AFTER } from "../options.js";
import { openPostgres } from "../store/postgres-pool.js";
import { openSqliteFile } from "../store/sqlite-file.js";
import { startDeliveryLoop } from "../platforms/delivery-loop.js";
import { openMailer, type OpenedMailer } from "../platforms/dev-mailer.js";
import { aesGcm, sha256, startNodeServer } from "../platforms/node.js";
import { readSecret } from "../platforms/secret-file.js";
import { devMailboxNotice, drainFor, printWarning, startupFailed } from "../platforms/startup.js";

const USAGE = `Usage: sesame [serve | migrate | deliver | purge | check]

  serve     run the server (the default); it also sends queued mail every few seconds
  migrate   bring the database schema up to date
  deliver   send the queued mail that is due, once (for a cron job)
  purge     delete link tokens and sessions that expired more than 7 days ago, and sent mail
  check     verify the database's invariants (exit 3 when one is broken)
  keys rotate
            a new key signs access tokens from now on; the old one stays published
            until the tokens it signed have expired
  backup PATH
            a consistent copy of the SQLite database (and its key file) while it runs
  restore PATH
            a backup into SESAME_DB, which must not exist yet; then checks it
${ACCOUNTS_USAGE}

Configured by environment variables: PORT, HOST, SESAME_BASE_URL, SESAME_DB, SESAME_MAILER and
more (see the README's configuration table).`;

export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const command = argv[0] ?? "serve";
  if (command === "--help" || command === "-h" || command === "help") {
    console.log(USAGE);
    return 0;
  }
  const commands = ["serve", "migrate", "deliver", "purge", "check", "keys", "backup", "restore", "accounts", "sessions"];
  if (!commands.includes(command) || (command === "keys" && argv[1] !== "rotate")) {
    console.error(`sesame: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    return 2;
  }
  try {
    const config = readEnvironment(env, { platform: "node", warn: printWarning });
    if (command === "migrate") return await migrateCommand(config);
    if (command === "purge") return await purgeCommand(config);
    if (command === "check") return await checkCommand(config);
    if (command === "deliver") return await deliverCommand(config);
    if (command === "keys") return await rotateKeysCommand(config);
    if (command === "backup") return await backupCommand(config, argv[1]);
    if (command === "restore") return await restoreCommand(config, argv[1]);
    if (command === "accounts" || command === "sessions") return await accountsCommand(argv, () => openSesame(config));
    return await serveCommand(config);
  } catch (error) {
    return startupFailed(error);
  }
}

/** The configured database, migrated; `serving`: for a long-running server. */
async function openStore(setting: DatabaseSetting, serving = false): Promise<{ store: Store; name: string; close(): Promise<void> | void }> {
  if (setting.type === "sqlite") {
    const db = await openSqliteFile(setting.path, {
      // No request of the server's waits for a WAL checkpoint.
      ...(serving && { backgroundCheckpoints: { onError: (message: string) => console.error(`sesame: background WAL checkpoint failed: ${message}`) } }),
    });
    return { store: db.store, name: setting.path, close: () => db.close() };
  }
  const db = await openPostgres(setting.url, {
    poolSize: setting.poolSize,
    statementTimeoutMs: setting.statementTimeoutMs,
    prepareStatements: setting.prepareStatements,
  });
  const url = new URL(setting.url);
  return { store: db.store, name: `postgres://${url.host}${url.pathname}`, close: () => db.close() };
}

async function migrateCommand(config: ServerConfig): Promise<number> {
  const db = await openStore(config.database);
  await db.close();
  console.log(`sesame: database ${db.name} is up to date`);
  return 0;
}

async function purgeCommand(config: ServerConfig): Promise<number> {
  const db = await openStore(config.database);
  try {
    const purged = await db.store.purgeExpired(Date.now() - PURGE_AFTER, Date.now() - EVENTS_KEPT);
    const { linkTokens: links, sessions, rateLimits: counters, mails, events } = purged;
    console.log(
      `sesame: purged ${links} expired links, ${sessions} sessions, ${counters} rate-limit counters, ${mails} finished mails and ${events} old events`,
    );
  } finally {
    await db.close();
  }
  return 0;
}

async function checkCommand(config: ServerConfig): Promise<number> {
  const db = await openStore(config.database);
  try {
    const violations = await db.store.findInvariantViolations();
    if (violations.length === 0) {
      console.log(`sesame: every invariant holds in ${db.name}`);
      return 0;
    }
    for (const v of violations) console.error(`sesame: broken: ${v.invariant}: ${v.count} row(s), e.g. ${v.example ?? "?"}`);
    return 3;
  } finally {
    await db.close();
  }
}

/** One pass over the outbox and the webhooks: what failed before, or what a stopped server left behind. */
async function deliverCommand(config: ServerConfig): Promise<number> {
  const secret = readSecret(config);
  const { mailer, close: closeMailer } = await createMailer(config);
  const db = await openStore(config.database);
  try {
    const sesame = createSesame(await sesameOptions(config, secret, db.store, mailer));
    const counts = await sesame.deliverQueuedMail();
    console.log(`sesame: delivered ${counts.delivered} mails; ${counts.retrying} failed and stay queued; ${counts.dropped} dropped (link expired)`);
    const hooks = await sesame.deliverWebhooks();
    if (config.webhooks) console.log(`sesame: delivered ${hooks.delivered} webhooks; ${hooks.retrying} failed and stay queued; ${hooks.dropped} given up`);
    return counts.retrying > 0 || hooks.retrying > 0 ? 4 : 0;
  } finally {
    closeMailer();
    await db.close();
  }
}

/** A new signing key from now on, on every instance (they read the key set at least once a minute). */
async function rotateKeysCommand(config: ServerConfig): Promise<number> {
  const secret = readSecret(config);
  const db = await openStore(config.database);
  try {
    const sesame = createSesame(await sesameOptions(config, secret, db.store, { send: async () => undefined }));
    const { kid, generation } = await sesame.rotateSigningKeys();
    console.log(`sesame: key ${kid} (generation ${generation}) signs access tokens from now on; earlier keys stay published until their tokens expire`);
    return 0;
  } finally {
    await db.close();
  }
}

/** A Sesame on the configured database and mailer, for the account commands; closing waits for the mail it sent. */
async function openSesame(config: ServerConfig) {
  const secret = readSecret(config);
  const { mailer, close: closeMailer } = await createMailer(config);
  const db = await openStore(config.database);
  const sesame = createSesame(await sesameOptions(config, secret, db.store, mailer));
  return {
    sesame,
    async close() {
      await sesame.idle();
      closeMailer();
      await db.close();
    },
  };
}

/** The options every command that builds a Sesame shares. */
async function sesameOptions(config: ServerConfig, secret: string, store: Store, mailer: Mailer) {
  const isBlockedDomain = config.blockDisposable ? await loadDisposableDomains() : undefined;
  return { ...sesameOptionsFrom(config), store, mailer, secret, sha256, aesGcm, ...(isBlockedDomain && { isBlockedDomain }) };
}

/** The API the process's SDK registered with; a no-op without one. Loaded only when asked for: it is an optional package. */
async function openTelemetryTracing() {
  const { trace } = await loadOptionalPackage("@opentelemetry/api", "SESAME_OPENTELEMETRY", () => import("@opentelemetry/api"));
  return createTracing(trace);
}

async function serveCommand(config: ServerConfig): Promise<number> {
  // Before the database: a missing secret is a setting to fix, not an outage.
  const secret = readSecret(config);
  const tracing = config.openTelemetry ? await openTelemetryTracing() : undefined;
  const { mailer, devMailbox, close: closeMailer } = await createMailer(config);
  const db = await openStore(config.database, true);
  const metrics = config.metricsToken !== undefined || config.metricsPort !== undefined ? createPrometheusMetrics() : undefined;
  const sesame = createSesame({
    ...(await sesameOptions(config, secret, db.store, mailer)),
    devMailbox,
    ...(metrics && { metrics }),
    ...(config.metricsToken !== undefined && { metricsToken: config.metricsToken }),
    ...(tracing && { tracing }),
  });
  const server = await startNodeServer({ fetch: sesame.fetch, port: config.port, host: config.host }).catch(async (error: Error) => {
    await db.close();
    throw new ConfigError(`cannot listen on ${config.host}:${config.port}: ${error.message}`);
  });
  // Metrics on a port of their own, on loopback only: for a scraper on this machine, with no token.
  const metricsServer =
    config.metricsPort === undefined
      ? undefined
      : await startNodeServer({
          fetch: async (request) =>
            new URL(request.url).pathname === "/metrics"
              ? new Response(await sesame.metrics(), { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" } })
              : new Response("Not found", { status: 404 }),
          port: config.metricsPort,
          host: "127.0.0.1",
        });
  if (metricsServer) console.log(`sesame: metrics on ${metricsServer.url}/metrics`);
  const deliveries = startDeliveryLoop(sesame, (config.mailRetrySeconds ?? DEFAULT_MAIL_RETRY_SECONDS) * 1000);
  if (devMailbox) console.log(devMailboxNotice(config.baseUrl));
  // Last, and one line: scripts and tests wait for it.
  console.log(`sesame: listening on ${server.url} (links point to ${config.baseUrl})`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
  console.log("sesame: stopping");
  // Load balancers see /readyz fail and send new requests elsewhere while this one still serves them.
  await drainFor(sesame, config.drainSeconds);
  deliveries.stop();
  await Promise.all([server.close(), metricsServer?.close()]);
  // The mails of the last requests, and the loop's current pass, finish before the mailer closes.
  await deliveries.finished();
  await sesame.idle();
  closeMailer();
  await db.close();
  return 0;
}

function createMailer(config: ServerConfig): Promise<OpenedMailer> {
  return openMailer(config, async (url, from) => {
    const mailer = await createSmtpMailer(url, from ? { from } : {});
    return { mailer, close: () => mailer.close() };
  });
}
