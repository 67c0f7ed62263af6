/**
 * Asking for a link: one form, one address. A new address gets a sign-up link, a known one
 * a login link, decided by the store in the same step that checks the rate limits and
 * queues the mail.
 */
import { canonicalizeEmail, maskEmail, type EmailRefusal } from "../email.js";
import { secondsUntil, type FlowContext } from "../flow-context.js";
import { rateLimitCharges } from "../limits/rate-limit.js";
import type { LinkSecrets } from "../mail/outbox.js";
import type { LinkKind } from "../ports.js";
import { codeInput, generateCode, generateToken } from "../token.js";
import { maskNetwork } from "../user-agent.js";
import { addressRefusalMessage, domainOf, refuseAddress, type AddressRefusal } from "./address-policy.js";
import { checkRedirect } from "./redirect.js";

export type LinkRequest =
  /**
   * `pendingSecret`: for the asking browser's cookie, when asked with `browser`;
   * `approvalNumber`: for that browser to show, so that an approval from another device
   * can prove it sees this screen (S26).
   */
  | { ok: true; kind: LinkKind; email: string; pendingSecret?: string; approvalNumber?: string }
  /**
   * Sign-ups are closed (or by invitation) and the address has no account: nothing was sent.
   * Show it as you would a login (see `LinkRequest`'s "login"): the page must not tell the two apart.
   */
  | { ok: true; kind: "none"; email: string; pendingSecret?: string; approvalNumber?: string }
  | { ok: false; reason: "invalid_email"; refusal: EmailRefusal; message: string }
  | { ok: false; reason: "invalid_next"; message: string }
  /** The address's domain is not allowed, or is blocked (a disposable mail service): for any address at it, account or not. */
  | { ok: false; reason: "address_refused"; refusal: AddressRefusal; domain: string; message: string }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export interface LinkRequestOptions {
  /** The client's address (an IPv4 address, or an IPv6 /64), for the per-client limits. */
  client?: string | undefined;
  /** Where to land after following the link: a path here or a URL on an allowed origin. */
  next?: string | undefined;
  /**
   * Hand the mail's first delivery attempt to this function instead of waiting for it
   * (a runtime's waitUntil), so the answer does not wait for the mail service. Either
   * way a failed attempt stays in the outbox and is tried again.
   */
  background?: (delivery: Promise<void>) => void;
  /**
   * Asked from a browser that can keep a cookie: the link then works in one click
   * there, the mail also carries a code to type there, and that browser shows the
   * number an approval from another device must type.
   */
  browser?: { userAgent: string | null };
  /** The language of the page it was asked from (a BCP 47 tag): the mail is written in it. Default English. */
  locale?: string | undefined;
}

const INVALID_NEXT = "The page to return to must be on this site.";

export function requestLinkFlows({ config, outbox }: FlowContext) {
  const { store, now, random, log, sha256 } = config;
  // The code and approval of a request: as long as its link, or, under uniform answers, as
  // long as the shorter of the two kinds whatever the address, so that no later answer
  // tells them apart (S31). With sign-ups closed, a login's: the decoy lives as long.
  const signupClosed = config.signup !== "open";
  const pendingLifetime = signupClosed
    ? config.loginLinkTtl
    : config.uniformResponses
      ? Math.min(config.loginLinkTtl, config.signupLinkTtl)
      : Math.max(config.loginLinkTtl, config.signupLinkTtl);

  /** The landing place for a `next` value, or null when it may not be used. */
  function checkNext(next: string): string | null {
    return checkRedirect(next, config.baseUrl.origin, config.redirectOrigins);
  }

  /** Sends a sign-up link to a new address or a login link to a known one, within the rate limits. */
  async function requestLink(rawEmail: unknown, options: LinkRequestOptions = {}): Promise<LinkRequest> {
    const address = canonicalizeEmail(rawEmail);
    if (!address.ok) return { ok: false, reason: "invalid_email", refusal: address.reason, message: address.message };
    const next = options.next === undefined ? undefined : checkNext(options.next);
    if (next === null) return { ok: false, reason: "invalid_next", message: INVALID_NEXT };
    const refusal = refuseAddress(config.addressPolicy, address.email);
    if (refusal) {
      log({ level: "warn", event: "address.refused", reason: refusal, email: maskEmail(address.email), client: options.client });
      return { ok: false, reason: "address_refused", refusal, domain: domainOf(address.email), message: addressRefusalMessage(refusal, address.email) };
    }

    const token = generateToken(random);
    const tokenHash = await sha256(token);
    const pendingSecret = options.browser ? generateToken(random) : undefined;
    const code = options.browser ? generateCode(random) : undefined;
    const approvalNumber = options.browser ? generateCode(random, 2) : undefined;
    const at = now();
    const pending =
      pendingSecret && code && approvalNumber
        ? {
            pendingHash: await sha256(pendingSecret),
            codeHash: await sha256(codeInput(pendingSecret, code)),
            approvalHash: await sha256(codeInput(token, approvalNumber)),
            requestedBy: options.browser?.userAgent?.slice(0, 400) ?? null,
            requestedFrom: maskNetwork(options.client),
            expiresAt: at + pendingLifetime,
          }
        : undefined;
    const secrets: LinkSecrets = {
      token,
      ...(next !== undefined && { next }),
      ...(code !== undefined && { code }),
      ...(options.locale !== undefined && { locale: options.locale.slice(0, 35) }),
    };
    const mail = await outbox.queue(secrets, at);
    const link = await store.createLinkToken({
      pending,
      email: address.email,
      tokenHash,
      now: at,
      // A decoy lasts as long as a login link would.
      signupExpiresAt: at + (signupClosed ? config.loginLinkTtl : config.signupLinkTtl),
      loginExpiresAt: at + config.loginLinkTtl,
      limits: rateLimitCharges(config.rateLimits, { email: address.email, client: options.client }),
      mail,
      signupClosed,
    });
    if (!link.ok) {
      const retryAfterSeconds = secondsUntil(link.retryAt, at);
      log({ level: "warn", event: "rate_limit.hit", email: maskEmail(address.email), client: options.client, retryAfterSeconds });
      return { ok: false, reason: "rate_limited", retryAfterSeconds };
    }
    const asked = { ...(pendingSecret && { pendingSecret }), ...(approvalNumber && { approvalNumber }) };
    if (link.kind === "signup" && link.decoy) {
      log({ level: "info", event: "link.requested", kind: "none", reason: "signup_closed", email: maskEmail(link.email), client: options.client });
      return { ok: true, kind: "none", email: link.email, ...asked };
    }
    log({ level: "info", event: "link.requested", kind: link.kind, email: maskEmail(link.email), client: options.client });

    // To the address the store holds, never the raw input.
    const expiresAt = at + (link.kind === "login" ? config.loginLinkTtl : config.signupLinkTtl);
    const delivery = outbox.sendWritten(mail, { kind: link.kind, to: link.email, expiresAt }, secrets, options.background);
    if (!options.background) await delivery;
    return { ok: true, kind: link.kind, email: link.email, ...asked };
  }

  /**
   * A request that filled in the field people never see (a bot): it gets the ordinary
   * answer, from values that match nothing, and nothing is stored or sent.
   */
  function answerHoneypot(rawEmail: unknown, client?: string): { email: string; pendingSecret: string; approvalNumber: string } {
    const address = canonicalizeEmail(rawEmail);
    log({ level: "warn", event: "honeypot.hit", email: address.ok ? maskEmail(address.email) : undefined, client });
    const email = address.ok ? address.email : typeof rawEmail === "string" ? rawEmail.slice(0, 254) : "";
    return { email, pendingSecret: generateToken(random), approvalNumber: generateCode(random, 2) };
  }

  return { requestLink, answerHoneypot, checkNext };
}
