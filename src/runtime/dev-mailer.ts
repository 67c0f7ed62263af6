/**
 * The development mailer for a server started from the environment (Node, Deno, Bun):
 * it shows login links to anyone who can reach the server, so it is refused unless the
 * server listens on a loopback address.
 */
import { DevMailbox } from "../mail/dev.js";
import { ConfigError } from "./config.js";

export function openDevMailbox(host: string): DevMailbox {
  if (!isLoopback(host)) {
    throw new ConfigError(`the development mailer shows login links to anyone who can reach it: use it only with a loopback HOST, not ${host}`);
  }
  return new DevMailbox();
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
