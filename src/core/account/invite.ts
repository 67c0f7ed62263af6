/**
 * Invitations, for operators (the admin API): a sign-up link to an address with no
 * account, mailed, or handed back to whoever called (to pass on another way). No rate
 * limit applies: the caller holds the admin token.
 */
import { canonicalizeEmail, maskEmail } from "../email.js";
import type { FlowContext } from "../flow-context.js";
import { refuseAddress } from "../links/address-policy.js";
import { generateToken } from "../token.js";

export type InviteOutcome =
  | { ok: true; email: string; expiresAt: number; url?: string }
  | { ok: false; reason: "invalid_email"; message: string }
  | { ok: false; reason: "account_exists" | "address_refused" }
  /** Sign-ups are closed: nobody can be invited. */
  | { ok: false; reason: "signup_closed" };

export function inviteFlows({ config, outbox, linkUrl }: FlowContext) {
  const { store, now, random, sha256, log } = config;

  /** With `send`, the link is mailed; without, its URL is in the answer (and nothing is mailed). */
  async function inviteAccount(rawEmail: unknown, options: { send: boolean }): Promise<InviteOutcome> {
    if (config.signup === "closed") return { ok: false, reason: "signup_closed" };
    const address = canonicalizeEmail(rawEmail);
    if (!address.ok) return { ok: false, reason: "invalid_email", message: address.message };
    if (refuseAddress(config.addressPolicy, address.email)) return { ok: false, reason: "address_refused" };
    if (await store.findAccount({ email: address.email })) return { ok: false, reason: "account_exists" };
    const at = now();
    const token = generateToken(random);
    const secrets = { token };
    const mail = options.send ? await outbox.queue(secrets, at) : undefined;
    const expiresAt = at + config.signupLinkTtl;
    const link = await store.createLinkToken({
      email: address.email,
      tokenHash: await sha256(token),
      now: at,
      signupExpiresAt: expiresAt,
      loginExpiresAt: at + config.loginLinkTtl,
      ...(mail && { mail }),
    });
    // An account made between the check and the step: what was stored is a login link, left to expire unmailed unless sent.
    if (!link.ok || link.kind !== "signup") return { ok: false, reason: "account_exists" };
    log({ level: "info", event: "invite.created", email: maskEmail(address.email), sent: options.send });
    if (mail) {
      await outbox.sendWritten(mail, { kind: "signup", to: address.email, expiresAt }, secrets);
      return { ok: true, email: address.email, expiresAt };
    }
    return { ok: true, email: address.email, expiresAt, url: linkUrl("signup", token) };
  }

  return { inviteAccount };
}
