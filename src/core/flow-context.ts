/**
 * What every flow shares: the configuration and ports, the outbox, how a link's URL is
 * built, and the few helpers each room would otherwise write again.
 */
import { pagesBase, type CoreConfig } from "./config.js";
import { createEvents, type Events } from "./events/events.js";
import { createOutbox, type Outbox } from "./mail/outbox.js";
import type { LinkKind, TokenFailure } from "./ports.js";
import { isWellFormedToken } from "./token.js";

/** Who is calling a flow: for the audit log, login notices, and mail sent after the answer. */
export interface RequestContext {
  /** The client's address (an IPv4 address, or an IPv6 /64). */
  client?: string | undefined;
  /** The browser's User-Agent, as it claims. */
  userAgent?: string | null | undefined;
  /** The language of the page the person is on (a BCP 47 tag): the mail this request queues is written in it. */
  locale?: string | undefined;
  /**
   * Hand work after the answer (a mail's first try) to this function instead of waiting
   * for it: a runtime's waitUntil. Either way a failed try stays queued and is retried.
   */
  background?: ((delivery: Promise<void>) => void) | undefined;
}

export interface FlowContext {
  config: CoreConfig;
  outbox: Outbox;
  /** Account events for the store to write with a step, and their webhooks once it has. */
  events: Events;
  linkUrl(kind: LinkKind, token: string, next?: string): string;
  /** Logs `<kind>.failed` with the reason, the account where known and the client; returns the failure. */
  fail<R extends TokenFailure>(kind: LinkKind, reason: R, context?: RequestContext, account?: string): { ok: false; reason: R };
  /** The hash of the session a browser had before logging in, so the login can drop it in the same step. */
  previousSessionHash(previous: string | undefined): Promise<string | undefined>;
}

export function createFlowContext(config: CoreConfig): FlowContext {
  function linkUrl(kind: LinkKind, token: string, next?: string): string {
    const url = new URL(kind, pagesBase(config));
    url.searchParams.set("token", token);
    if (next !== undefined) url.searchParams.set("next", next);
    return url.href;
  }
  return {
    config,
    outbox: createOutbox(config, linkUrl),
    events: createEvents(config),
    linkUrl,
    fail(kind, reason, context = {}, account) {
      config.log({ level: "warn", event: `${kind}.failed`, reason, account, client: context.client });
      return { ok: false, reason };
    },
    async previousSessionHash(previous) {
      return isWellFormedToken(previous) ? config.sha256(previous) : undefined;
    },
  };
}

/** Whole seconds from `at` until `time`, at least one: for Retry-After. */
export function secondsUntil(time: number, at: number): number {
  return Math.max(1, Math.ceil((time - at) / 1000));
}
