/**
 * Authenticated encryption for the few secrets that must wait in the database: a link
 * in the mail outbox. Web Crypto only (AES-256-GCM under a key derived with HKDF), so
 * the same sealed row opens on Node, workerd, Deno and Bun.
 *
 * Each box is bound to the id of its row (the GCM associated data): a sealed value
 * copied into another row does not open there.
 */
import type { AesGcmEncrypt, RandomSource } from "../ports.js";
import { decodeBase64Url, encodeBase64Url } from "../token.js";

const VERSION = "v1";
const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

export interface Sealer {
  seal(rowId: string, plaintext: string): Promise<string>;
  /** The plaintext, or null when the box was sealed under another secret, for another row, or altered. */
  open(rowId: string, sealed: string): Promise<string | null>;
}

/**
 * `secret`: any string of at least 32 characters, the same on every instance that shares
 * the database. `purpose` derives a key of its own per use, so a box sealed for one use
 * never opens as another. `encrypt`: the runtime's own AES-GCM, where Web Crypto's costs more
 * per call (Node's runs each call as a job on another thread); it gets the key's bytes.
 */
export function createSealer(secret: string, random: RandomSource, purpose = "mail outbox v1", encrypt?: AesGcmEncrypt): Sealer {
  const key = deriveKey(secret, purpose);
  const keyBytes = encrypt ? deriveKeyBytes(secret, purpose) : undefined;

  return {
    async seal(rowId, plaintext) {
      const iv = new Uint8Array(IV_BYTES);
      random(iv);
      const additionalData = encoder.encode(rowId);
      const box = encrypt
        ? encrypt(await keyBytes!, iv, additionalData, encoder.encode(plaintext))
        : await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData }, await key, encoder.encode(plaintext));
      const out = new Uint8Array(IV_BYTES + box.byteLength);
      out.set(iv);
      out.set(new Uint8Array(box), IV_BYTES);
      return `${VERSION}.${encodeBase64Url(out)}`;
    },
    async open(rowId, sealed) {
      const [version, body] = sealed.split(".");
      if (version !== VERSION || body === undefined) return null;
      const bytes = decodeBase64Url(body);
      if (!bytes || bytes.length <= IV_BYTES) return null;
      try {
        const plain = await crypto.subtle.decrypt(
          { name: "AES-GCM", iv: bytes.subarray(0, IV_BYTES), additionalData: encoder.encode(rowId) },
          await key,
          bytes.subarray(IV_BYTES),
        );
        return decoder.decode(plain);
      } catch {
        return null;
      }
    },
  };
}

const hkdf = (purpose: string) => ({ name: "HKDF", hash: "SHA-256", salt: encoder.encode("sesame"), info: encoder.encode(purpose) });

/** The same 256 bits deriveKey makes the AES key of (HKDF's output is the key), for a runtime's own AES-GCM. */
async function deriveKeyBytes(secret: string, purpose: string): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveBits"]);
  return new Uint8Array(await crypto.subtle.deriveBits(hkdf(purpose), material, 256));
}

async function deriveKey(secret: string, purpose: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(hkdf(purpose), material, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}
