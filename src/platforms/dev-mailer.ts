/**
 * The mailer of a server started from the environment (Node, Deno, Bun), as its
 * configuration names it: the development mailbox, a file, an HTTP provider, or (on
 * Node, which passes it in) SMTP.
 *
 * The development mailer shows login links to anyone who can reach the server (S28), so
 * it is refused unless the server listens on a loopback address and its links point to
 * one. A base URL elsewhere means the server is reached from elsewhere (through a proxy or
 * a tunnel on this machine, say), whatever address it listens on.
 */
import { closeSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import { ConfigError } from "../core/errors.js";
import type { Mailer } from "../core/ports.js";
import type { ServerConfig } from "../config/environment.js";
import { DevMailbox } from "../mail/dev.js";
import { createFileMailer } from "../mail/file.js";
import { createHttpMailer } from "../mail/http/from-env.js";
import { isLoopbackHost, isLoopbackUrl } from "../net/loopback.js";

export interface OpenedMailer {
  mailer: Mailer;
  devMailbox?: DevMailbox;
  close(): void;
}

/** Opens SMTP, on Node only: its driver is Node's. */
export type SmtpOpener = (url: string, from: string | undefined) => Promise<OpenedMailer>;

export async function openMailer(config: Pick<ServerConfig, "mailer" | "mailFrom" | "host" | "baseUrl">, smtp?: SmtpOpener): Promise<OpenedMailer> {
  const setting = config.mailer;
  switch (setting.type) {
    case "dev": {
      const devMailbox = openDevMailbox(config.host, config.baseUrl);
      return { mailer: devMailbox, devMailbox, close() {} };
    }
    case "file": {
      try {
        mkdirSync(dirname(setting.path), { recursive: true });
        closeSync(openSync(setting.path, "a"));
      } catch (error) {
        throw new ConfigError(`SESAME_MAILER file ${setting.path} is not writable: ${(error as Error).message}`, { variable: "SESAME_MAILER" });
      }
      return { mailer: createFileMailer(setting.path), close() {} };
    }
    case "http":
      // The configuration reader refuses an HTTP provider without a From address.
      return { mailer: createHttpMailer(setting.provider, config.mailFrom!), close() {} };
    case "smtp":
      // The configuration reader refuses SMTP off Node.
      if (!smtp) throw new ConfigError("SMTP is offered on Node only", { variable: "SESAME_MAILER" });
      return smtp(setting.url, config.mailFrom);
  }
}

export function openDevMailbox(host: string, baseUrl: string): DevMailbox {
  if (!isLoopbackHost(host)) {
    throw new ConfigError(`the development mailer shows login links to anyone who can reach it: use it only with a loopback HOST, not ${host}`, {
      variable: "HOST",
    });
  }
  if (!isLoopbackUrl(baseUrl)) {
    throw new ConfigError(
      `the development mailer shows login links to anyone who can reach it: use it only with an http:// SESAME_BASE_URL on localhost, 127.0.0.1 or [::1], not ${baseUrl}`,
      { variable: "SESAME_BASE_URL" },
    );
  }
  return new DevMailbox();
}
