/** The `webhooks` option checked at start-up: endpoints that are URLs, a Standard Webhooks secret. */
import type { WebhookSettings } from "../core/config.js";
import { invalid } from "./option-checks.js";

export interface WebhookOptions {
  /** Where each event is posted: one URL or several (each gets every event). */
  urls: string | string[];
  /** A Standard Webhooks secret: `whsec_` and the key in base64 (24 to 64 bytes). The receiver verifies with the same. */
  secret: string;
  /** The first retry's delay; later ones double, up to an hour. Default 5. */
  retrySeconds?: number;
  /** A delivery still failing this long after its event is dropped (and logged). Default 3 days. */
  giveUpAfterHours?: number;
  /** How long one try may take. Default 10. */
  timeoutSeconds?: number;
}

export function parseWebhooks(options: WebhookOptions | undefined): WebhookSettings | null {
  if (options === undefined) return null;
  if (typeof options !== "object" || options === null) throw invalid("webhooks must be an object with urls and secret");
  const urls = typeof options.urls === "string" ? [options.urls] : options.urls;
  if (!Array.isArray(urls) || urls.length === 0) throw invalid("webhooks.urls must name at least one URL");
  const endpoints = urls.map((url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw invalid(`webhooks.urls: ${String(url)} is not a URL`);
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw invalid(`webhooks.urls: ${url} must be http or https`);
    if (parsed.username || parsed.password) throw invalid(`webhooks.urls: ${parsed.origin} must not carry credentials in the URL`);
    return parsed.href;
  });
  return {
    endpoints,
    key: parseWebhookSecret(options.secret),
    retryDelay: within(options.retrySeconds, 5, "webhooks.retrySeconds", 1, 3600) * 1000,
    giveUpAfter: within(options.giveUpAfterHours, 72, "webhooks.giveUpAfterHours", 0.001, 24 * 14) * 3600_000,
    timeout: within(options.timeoutSeconds, 10, "webhooks.timeoutSeconds", 1, 60) * 1000,
  };
}

function parseWebhookSecret(secret: unknown): Uint8Array<ArrayBuffer> {
  const wrong = invalid("webhooks.secret must be whsec_ followed by 24 to 64 bytes in base64 (e.g. whsec_ and `openssl rand -base64 32`)");
  if (typeof secret !== "string" || !secret.startsWith("whsec_")) throw wrong;
  let key: Uint8Array<ArrayBuffer>;
  try {
    key = Uint8Array.from(atob(secret.slice("whsec_".length)), (c) => c.charCodeAt(0));
  } catch {
    throw wrong;
  }
  if (key.length < 24 || key.length > 64) throw wrong;
  return key;
}

function within(value: number | undefined, fallback: number, name: string, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) throw invalid(`${name} must be a number from ${min} to ${max}`);
  return value;
}
