/**
 * Secrets Sesame hands out (link tokens, session ids) and the hashes it stores.
 * 32 random bytes carry 256 bits, so a single fast SHA-256 is a sound way to store
 * them: there is nothing to brute-force, unlike a password.
 */
import type { RandomSource } from "./ports.js";

export const TOKEN_BYTES = 32;
/** base64url of 32 bytes, without padding. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function generateToken(random: RandomSource): string {
  return encodeBase64Url(random(new Uint8Array(TOKEN_BYTES)));
}

/** True for strings that could be a token Sesame issued; anything else is refused before the store. */
export function isWellFormedToken(value: unknown): value is string {
  return typeof value === "string" && TOKEN_PATTERN.test(value);
}

export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return encodeBase64Url(new Uint8Array(digest));
}

/** A random identifier that is not a secret (account ids). */
export function generateId(random: RandomSource): string {
  return encodeBase64Url(random(new Uint8Array(16)));
}

/**
 * A random identifier, not a secret, that sorts by the time it was made (the outbox's mails,
 * the account events): nine base-36 digits of milliseconds (fixed width until the year 5188),
 * then 128 random bits. A row keyed by it goes at the end of its key's index, where a random
 * key would change a page anywhere in it: on SQLite about half a page written fewer per link
 * request and per login (README, Performance, #22's eighth step).
 */
export function generateTimeOrderedId(at: number, random: RandomSource): string {
  const ms = Number.isFinite(at) && at > 0 ? Math.trunc(at) : 0;
  return ms.toString(36).padStart(9, "0") + encodeBase64Url(random(new Uint8Array(16)));
}

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** base64url without padding; by table, as btoa would need a binary string and three rewrites. */
export function encodeBase64Url(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += BASE64URL[n >> 18]! + BASE64URL[(n >> 12) & 63]! + BASE64URL[(n >> 6) & 63]! + BASE64URL[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += BASE64URL[n >> 18]! + BASE64URL[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += BASE64URL[n >> 18]! + BASE64URL[(n >> 12) & 63]! + BASE64URL[(n >> 6) & 63]!;
  }
  return out;
}

/** A short code to type: `digits` decimal digits, uniformly drawn (no modulo bias). */
export function generateCode(random: RandomSource, digits = 6): string {
  const range = 10 ** digits;
  // The largest multiple of `range` below 2^32: values at or above it are drawn again.
  const limit = Math.floor(0x1_0000_0000 / range) * range;
  for (;;) {
    const value = new DataView(random(new Uint8Array(4)).buffer).getUint32(0);
    if (value < limit) return String(value % range).padStart(digits, "0");
  }
}

/** What a code is hashed as: with the asking browser's secret, so a leaked row does not give the code away. */
export function codeInput(pendingSecret: string, code: string): string {
  return `${pendingSecret}:${code}`;
}

/** The bytes of a base64url string, or null when it is not one. */
export function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
