/**
 * The CLI's configuration, read from the environment and checked before anything
 * listens: a mistake is one clear line, not a stack trace or a half-started server.
 */
export type MailerSetting = { type: "dev" } | { type: "file"; path: string } | { type: "smtp"; url: string };

export interface CliConfig {
  port: number;
  host: string;
  baseUrl: string;
  databasePath: string;
  mailer: MailerSetting;
  mailFrom: string | undefined;
  appName: string | undefined;
  afterLoginPath: string | undefined;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export function readCliConfig(env: Record<string, string | undefined>): CliConfig {
  const port = parsePort(env.PORT ?? "8787");
  const baseUrl = env.SESAME_BASE_URL ?? `http://localhost:${port}`;
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error();
  } catch {
    throw new ConfigError(`SESAME_BASE_URL must be an http:// or https:// URL, got ${JSON.stringify(baseUrl)}`);
  }
  return {
    port,
    // Loopback unless told otherwise: the development mailbox shows live login links.
    host: env.HOST ?? "127.0.0.1",
    baseUrl,
    databasePath: env.SESAME_DB ?? "./.sesame/sesame.db",
    mailer: parseMailer(env.SESAME_MAILER ?? "dev"),
    mailFrom: env.SESAME_MAIL_FROM,
    appName: env.SESAME_APP_NAME,
    afterLoginPath: env.SESAME_AFTER_LOGIN_PATH,
  };
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a number from 0 to 65535, got ${JSON.stringify(value)}`);
  return port;
}

export function parseMailer(value: string): MailerSetting {
  if (value === "dev") return { type: "dev" };
  if (value.startsWith("file:")) {
    const path = value.slice("file:".length);
    if (!path) throw new ConfigError("SESAME_MAILER=file:PATH needs a path");
    return { type: "file", path };
  }
  if (/^smtps?:\/\//.test(value)) {
    try {
      const url = new URL(value);
      if (!url.hostname) throw new Error();
    } catch {
      throw new ConfigError("SESAME_MAILER is not a valid smtp:// or smtps:// URL");
    }
    return { type: "smtp", url: value };
  }
  throw new ConfigError(`SESAME_MAILER must be dev, file:PATH, smtp://… or smtps://…, got ${JSON.stringify(value.replace(/\/\/[^@/]*@/, "//…@"))}`);
}
