/**
 * The development mailer for a server started from the environment (Node, Deno, Bun):
 * it shows login links to anyone who can reach the server (S28), so it is refused
 * unless the server listens on a loopback address and its links point to one. A base
 * URL elsewhere means the server is reached from elsewhere (through a proxy or a tunnel
 * on this machine, say), whatever address it listens on.
 */
import { DevMailbox } from "../mail/dev.js";
import { ConfigError } from "./config.js";

export function openDevMailbox(host: string, baseUrl: string): DevMailbox {
  if (!isLoopback(host)) {
    throw new ConfigError(`the development mailer shows login links to anyone who can reach it: use it only with a loopback HOST, not ${host}`);
  }
  if (!isLoopbackUrl(baseUrl)) {
    throw new ConfigError(
      `the development mailer shows login links to anyone who can reach it: use it only with an http:// SESAME_BASE_URL on localhost, 127.0.0.1 or [::1], not ${baseUrl}`,
    );
  }
  return new DevMailbox();
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** `http://` on a loopback host: https would mean a certificate, so a name others reach. */
function isLoopbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // The parser writes IPv4 in dotted decimal (`http://0x7f.1` is 127.0.0.1) and IPv6 in brackets.
  return url.protocol === "http:" && (url.hostname === "[::1]" || isLoopback(url.hostname));
}
