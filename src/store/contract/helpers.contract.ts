/**
 * What the files of the store contract share: one clock, unique names, new sessions, and
 * the writes most cases start from (a link, a sign-up, a link asked for by a browser, and
 * that browser's code or another device's approval), made on the store the running case
 * opened.
 */
import type { GuessCap, NewSession, OutboxEntry, Store } from "../../core/ports.js";

export interface OpenedStore {
  store: Store;
  close(): Promise<void> | void;
}

export const MINUTE = 60_000;
export const T0 = Date.UTC(2030, 0, 1);

let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2)}`;
}

export function newSession(at = T0, device: { userAgent?: string; network?: string } = {}): NewSession {
  return {
    idHash: unique("session"),
    createdAt: at,
    idleExpiresAt: at + 60 * MINUTE,
    absoluteExpiresAt: at + 120 * MINUTE,
    userAgent: device.userAgent ?? null,
    network: device.network ?? null,
  };
}

/** The hashes of the right code and the right approval number of every pending link. */
export const CODE_RIGHT = "right-code-hash";
export const NUMBER_RIGHT = "right-number-hash";
export const LIMITS = { maxAttempts: 5, maxApprovalAttempts: 3 };

/**
 * The writes the cases share, on `current()`: the store the running case opened (a fresh
 * one for each case). A file of cases takes the store itself in a beforeEach of its own.
 */
export function storeCases(current: () => Store) {
  async function link(email: string, at = T0, mail?: OutboxEntry) {
    const tokenHash = unique("token");
    const created = await current().createLinkToken({
      email,
      tokenHash,
      now: at,
      signupExpiresAt: at + 8 * 60 * MINUTE,
      loginExpiresAt: at + 10 * MINUTE,
      ...(mail && { mail }),
    });
    return { tokenHash, created };
  }

  async function signUp(email: string, name = "Ada") {
    const { tokenHash } = await link(email);
    const result = await current().completeSignup({
      key: { tokenHash },
      now: T0 + MINUTE,
      account: { id: unique("account"), name, profile: {} },
      session: newSession(T0 + MINUTE),
    });
    if (!result.ok) throw new Error(`sign-up failed: ${result.reason}`);
    return result.account;
  }

  /** A link asked for by a browser, which may then use its code or wait for an approval. */
  async function pendingLink(email: string, at = T0, pendingUntil = at + 60 * MINUTE) {
    const tokenHash = unique("token");
    const pendingHash = unique("pending");
    const created = await current().createLinkToken({
      email,
      tokenHash,
      now: at,
      signupExpiresAt: at + 60 * MINUTE,
      loginExpiresAt: at + 10 * MINUTE,
      pending: {
        pendingHash,
        codeHash: CODE_RIGHT,
        approvalHash: NUMBER_RIGHT,
        requestedBy: "Mozilla/5.0 (Macintosh) Firefox/130.0",
        requestedFrom: "203.0.113.x",
        expiresAt: pendingUntil,
      },
    });
    return { tokenHash, pendingHash, created };
  }
  const code = (pendingHash: string, codeHash: string, session = newSession(), at = T0 + MINUTE, guessCap?: GuessCap) =>
    current().redeemCode({ pendingHash, codeHash, now: at, ...LIMITS, session, guessCap });
  const approve = (tokenHash: string, approvalHash = NUMBER_RIGHT, at = T0 + MINUTE, guessCap?: GuessCap) =>
    current().approveLogin({ tokenHash, approvalHash, now: at, maxAttempts: 3, maxCodeAttempts: 5, guessCap, guessHash: unique("guess") });

  return { current, link, signUp, pendingLink, code, approve };
}

/** What a file of cases is handed: the running case's store, and the writes the cases share. */
export type StoreCases = ReturnType<typeof storeCases>;
