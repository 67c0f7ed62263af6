/**
 * What the HTTP mail providers (Resend, Postmark, Amazon SES) have in common: one JSON
 * POST under a deadline, and one way of turning every kind of failure into an error with
 * a message an operator can act on: `mail_rejected` when the provider refuses this
 * message for good (an invalid or inactive recipient), `mailer_unavailable` otherwise.
 *
 * Web APIs only (fetch, AbortSignal, crypto.subtle): these mailers must run on
 * Cloudflare Workers as well as on Node.
 *
 * Error messages name the provider, the HTTP status and the provider's own words, and
 * never the credentials or the link: both would end up in logs, and the link logs its
 * reader in.
 */
import { mailerUnavailable, mailRejected, SesameError } from "../../core/errors.js";
import type { Mailer, MailMessage } from "../../core/ports.js";
import { fromAddressProblem, parseFromAddress, type FromAddress } from "../headers.js";
import { endpointProblem } from "./checks.js";

/** Ten seconds: a stuck provider must fail the request quickly, not hold it open. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Some APIs (Resend among them) refuse requests without one, and Workers' fetch sends none. */
const USER_AGENT = "sesame";

/** At most this much of a provider's answer goes into an error message. */
const MAX_DETAIL = 300;

/** The options every HTTP mailer takes besides its credentials, its From address and its endpoint. */
export interface HttpMailerOptions {
  /** Default the global fetch. */
  fetch?: typeof fetch;
  /** Limit for the whole exchange, in milliseconds. Default 10 000. */
  timeoutMs?: number;
}

/** Where and how a provider is called: from checkTransport. */
export interface Transport {
  /** The URL the message is POSTed to. */
  url: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

/** One provider's API: how a message becomes its JSON POST, and how its answers read. */
export interface JsonApi extends Transport {
  /** Names the service in error messages, e.g. "Resend". */
  provider: string;
  /** The checked From option: a refusal that names its address is about the sender, not this message (see sendJson). */
  from: FromAddress;
  /** Strings no error message may contain: credentials. The message's link is added by sendJson. */
  secrets: readonly string[];
  /** Headers besides Content-Type and User-Agent (credentials, say), worked out before the deadline starts. */
  headers?(message: MailMessage): Record<string, string> | Promise<Record<string, string>>;
  /** The request's JSON body. */
  body(message: MailMessage): unknown;
  /** Turns the POST into the request sent (Amazon SES signs it); by default it goes as it is. It must keep `init.signal`, the deadline. */
  sign?(url: string, init: RequestInit): Promise<Request>;
  /** Whether a 2xx answer really says the message was accepted. */
  accepted(body: unknown): boolean;
  /** The provider's own words on a failure, from its JSON answer (undefined when the answer was not JSON). */
  describe(body: unknown, response: Response): string | undefined;
  /**
   * Whether a failed answer is one of the provider's documented permanent refusals of
   * this message (an invalid or inactive recipient): it is dropped, not tried again.
   */
  refusedForGood(body: unknown, response: Response): boolean;
}

/** A mailer that sends each message as one JSON POST to the provider's API. */
export function createJsonApiMailer(api: JsonApi): Mailer {
  return {
    async send(message: MailMessage): Promise<void> {
      const headers = (await api.headers?.(message)) ?? {};
      const request = (signal: AbortSignal): Request | Promise<Request> => {
        const init = {
          method: "POST",
          headers: { "Content-Type": "application/json", "User-Agent": USER_AGENT, ...headers },
          body: JSON.stringify(api.body(message)),
          signal,
        };
        return api.sign ? api.sign(api.url, init) : new Request(api.url, init);
      };
      await sendJson(api, request, message);
    },
  };
}

/**
 * Sends one request, built by `request` to carry the deadline's signal, and resolves when
 * the provider accepted the message; throws mail_rejected or mailer_unavailable otherwise.
 */
async function sendJson(api: JsonApi, request: (signal: AbortSignal) => Request | Promise<Request>, message: MailMessage): Promise<void> {
  const hidden = [...api.secrets, ...linkSecrets(message.url)];
  const describe = (text: string, cause?: unknown) => new Error(redact(`${api.provider} ${text}`, hidden), { cause });
  const fail = (text: string, cause?: unknown) => mailerUnavailable(describe(text, cause));
  // Called unbound: Workers' fetch throws "Illegal invocation" when `this` is not the global.
  const fetchImpl = api.fetch;
  const signal = AbortSignal.timeout(api.timeoutMs);

  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(await request(signal));
    // The deadline covers the body too: a provider that sends headers and then stalls is just as stuck.
    text = await response.text();
  } catch (err) {
    if (signal.aborted) throw fail(`did not answer within ${api.timeoutMs} ms`, err);
    throw fail(`could not be reached: ${errorText(err)}`, err);
  }

  const body = parseJson(text);
  if (response.ok && api.accepted(body)) return;
  // Hidden before shortening: a cut through a secret would otherwise leave its first part.
  const detail = oneLine(redact(api.describe(body, response) ?? text, hidden)) || "(empty answer)";
  if (response.ok) throw fail(`answered HTTP ${response.status} but did not accept the message: ${detail}`);
  const refusal = `refused the message with HTTP ${response.status}: ${detail}`;
  // A refusal that names the sender (an unverified From address) hits every mail alike: it
  // waits for the operator's fix like an outage, rather than dropping every link meanwhile.
  if (api.refusedForGood(body, response) && !namesSender(text, api.from.address)) throw mailRejected(describe(refusal));
  throw fail(refusal);
}

function namesSender(answer: string, sender: string): boolean {
  return /\bfrom\b/i.test(answer) || answer.toLowerCase().includes(sender.toLowerCase());
}

/** The object's string property, or undefined: for reading providers' answers, which are untrusted. */
export function stringField(body: unknown, name: string): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

/** The parts of a non-empty list that are present, joined: "validation_error: Invalid `to` field". */
export function joinDetail(...parts: Array<string | undefined>): string | undefined {
  const present = parts.filter((p): p is string => p !== undefined && p !== "");
  return present.length > 0 ? present.join(": ") : undefined;
}

// ---- options ---------------------------------------------------------------

/** A required, non-blank string option. The message names the option, never its value. */
export function requireText(value: unknown, factory: string, name: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw invalid(`${factory}: ${name} is required and must be a non-empty string`);
  }
  return value;
}

/** The From option: one mailbox, checked as the CLI and the environment readers check theirs. */
export function checkFrom(value: unknown, factory: string): FromAddress {
  const check = parseFromAddress(value);
  if (!check.ok) throw invalid(fromAddressProblem(`${factory}: from`, check.problem));
  return check.from;
}

/** The endpoint, fetch and timeoutMs options, checked: `path` is appended to the endpoint (`fallback` when none is given). */
export function checkTransport(options: HttpMailerOptions & { endpoint?: string }, factory: string, fallback: string, path: string): Transport {
  return {
    url: `${checkEndpoint(options.endpoint, fallback, factory)}${path}`,
    fetch: checkFetch(options.fetch, factory),
    timeoutMs: checkTimeout(options.timeoutMs, factory),
  };
}

function checkTimeout(value: number | undefined, factory: string): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(value) || value <= 0) throw invalid(`${factory}: timeoutMs must be a positive whole number of milliseconds`);
  return value;
}

function checkFetch(value: typeof fetch | undefined, factory: string): typeof fetch {
  if (value === undefined) {
    // Looked up at call time and called unbound, so a fetch replaced later (tests, polyfills) is used.
    return (input, init) => fetch(input, init);
  }
  if (typeof value !== "function") throw invalid(`${factory}: fetch must be a function`);
  return value;
}

/** The API's base URL without a trailing slash (see endpointProblem). */
function checkEndpoint(value: string | undefined, fallback: string, factory: string): string {
  if (value === undefined) return fallback;
  const problem = endpointProblem(value);
  if (problem !== undefined) throw invalid(`${factory}: endpoint ${problem}`);
  return new URL(value).href.replace(/\/+$/, "");
}

function invalid(message: string): SesameError {
  return new SesameError("invalid_options", message);
}

// ---- error text ------------------------------------------------------------

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** "fetch failed" says nothing; its cause ("connect ECONNREFUSED …") does. */
function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? `${err.message} (${err.cause.message})` : err.message;
}

/** One short line: answers may be whole HTML pages, and logs are read line by line. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029\s]+/g, " ").trim();
  return flat.length > MAX_DETAIL ? `${flat.slice(0, MAX_DETAIL)}…` : flat;
}

/**
 * The link and its long query values (the token): a provider that echoes part of the
 * request, even escaped differently, must not put a working login link into the logs.
 */
function linkSecrets(url: string): string[] {
  const out = [url];
  try {
    for (const value of new URL(url).searchParams.values()) if (value.length >= 16) out.push(value);
  } catch {
    // Not a URL: the whole string is still hidden.
  }
  return out;
}

function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a secret that contains another is hidden whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret !== "") out = out.split(secret).join("[redacted]");
  }
  return out;
}
