/**
 * The keys that sign access tokens, shared by every instance through the store.
 *
 * One key signs at a time: the newest generation whose activation has come. The next one
 * is added `announce` before the current one has served `rotation`, and activates exactly
 * then, so a verifier that fetched the key set within `announce` already holds it. A key
 * stays published until every token it signed has expired: `retireAfter` (the longest
 * token lifetime, with room for clock skew) after its successor took over. A rotation on
 * demand adds a key that signs at once; verifiers fetch it on meeting its `kid`.
 *
 * Instances race only when adding a generation, and the store keeps one row per
 * generation: both racers then use the one that was written.
 */
import { SesameError } from "../errors.js";
import type { SigningKeyRecord } from "../ports.js";
import type { Sealer } from "../mail/seal.js";
import { generateSigningKey, importPrivateKey, type PublicJwk } from "./jwt.js";
import type { CoreConfig } from "../config.js";

export interface KeyTimings {
  /** How long a key signs before the next one takes over. */
  rotation: number;
  /** How long before taking over a key is published. */
  announce: number;
  /** How long a replaced key stays published: the longest token lifetime and a margin. */
  retireAfter: number;
}

/** A key set read from the store is used this long before it is read again. */
const REREAD_AFTER = 60_000;

export interface KeySet {
  current: SigningKeyRecord;
  /** What /.well-known/jwks.json lists: the replaced keys still needed, the current one, the announced ones. */
  published: SigningKeyRecord[];
  /** When the current key should have its successor announced (or already has). */
  announceNextAt: number;
}

/** Which key signs now, which are published, and when the next must be added. Pure. */
export function keySetAt(keys: readonly SigningKeyRecord[], now: number, timings: KeyTimings): KeySet | undefined {
  const active = keys.filter((key) => key.activatesAt <= now);
  // Before any key's time has come, the first one signs: another instance whose clock runs a
  // little ahead may have written it, dated a few milliseconds (or seconds) from our now.
  const current =
    active.reduce<SigningKeyRecord | undefined>((best, key) => (!best || key.generation > best.generation ? key : best), undefined) ??
    keys.reduce<SigningKeyRecord | undefined>((first, key) => (!first || key.generation < first.generation ? key : first), undefined);
  if (!current) return undefined;
  const published = keys.filter((key) => {
    if (key.generation >= current.generation) return true;
    // A replaced key is needed until its successor's activation plus the longest token lifetime.
    const successor = active.filter((other) => other.generation > key.generation).reduce((a, b) => (a.activatesAt <= b.activatesAt ? a : b));
    return now < successor.activatesAt + timings.retireAfter;
  });
  return { current, published, announceNextAt: current.activatesAt + timings.rotation - timings.announce };
}

export interface SigningKey {
  kid: string;
  key: CryptoKey;
}

export function createKeyRing(config: Pick<CoreConfig, "store" | "now" | "log">, sealer: Sealer, timings: KeyTimings) {
  const { store, now, log } = config;
  let cached: { keys: SigningKeyRecord[]; readAt: number } | undefined;
  const privateKeys = new Map<string, Promise<CryptoKey>>();

  async function newKey(generation: number, activatesAt: number): Promise<SigningKeyRecord> {
    const generated = await generateSigningKey();
    const kid = generated.publicJwk.kid;
    return {
      generation,
      kid,
      publicJwk: JSON.stringify(generated.publicJwk),
      privateSealed: await sealer.seal(kid, generated.privateJwk),
      activatesAt,
      createdAt: now(),
    };
  }

  async function add(generation: number, activatesAt: number): Promise<SigningKeyRecord[]> {
    const key = await newKey(generation, activatesAt);
    const keys = await store.addSigningKey(key);
    const written = keys.find((other) => other.generation === generation);
    if (written?.kid === key.kid) log({ level: "info", event: "keys.added", kid: key.kid, generation, activatesAt: new Date(activatesAt).toISOString() });
    cached = { keys, readAt: now() };
    return keys;
  }

  /** The key set now: read at most once a minute, the first key and each successor added when due. */
  async function keySet(): Promise<KeySet> {
    const at = now();
    let keys = cached && at - cached.readAt < REREAD_AFTER ? cached.keys : undefined;
    if (!keys) {
      keys = await store.listSigningKeys();
      cached = { keys, readAt: at };
    }
    // The first use ever: nobody holds a key set yet, so the first key signs at once.
    if (keys.length === 0) keys = await add(1, at);
    const set = keySetAt(keys, at, timings)!;
    const generation = set.current.generation;
    if (keys.some((key) => key.generation > generation) || at < set.announceNextAt) return set;
    return keySetAt(await add(nextGeneration(keys), set.current.activatesAt + timings.rotation), at, timings)!;
  }

  /** The current key, opened. A key sealed under another secret cannot sign: a clear failure, not a new key per instance. */
  async function signingKey(): Promise<SigningKey> {
    const { current } = await keySet();
    let key = privateKeys.get(current.kid);
    if (!key) {
      key = sealer.open(current.kid, current.privateSealed).then((jwk) => {
        if (jwk === null) {
          throw new SesameError(
            "signing_key_unavailable",
            "The signing key cannot be opened: it was sealed under another secret (set the same SESAME_SECRET on every instance, or run sesame keys rotate)",
          );
        }
        return importPrivateKey(jwk);
      });
      privateKeys.set(current.kid, key);
      key.catch(() => privateKeys.delete(current.kid));
    }
    return { kid: current.kid, key: await key };
  }

  /** The public keys to publish, and for how long a cache may keep them. */
  async function publicKeys(): Promise<{ keys: PublicJwk[]; maxAgeSeconds: number }> {
    const { published } = await keySet();
    return { keys: published.map((key) => JSON.parse(key.publicJwk) as PublicJwk), maxAgeSeconds: Math.floor(Math.min(3600_000, timings.announce / 2) / 1000) };
  }

  /** A new key that signs from now on (`sesame keys rotate`): the old ones stay published until their tokens expire. */
  async function rotate(): Promise<{ kid: string; generation: number }> {
    const keys = await store.listSigningKeys();
    const generation = nextGeneration(keys);
    const after = await add(generation, now());
    const written = after.find((key) => key.generation === generation)!;
    return { kid: written.kid, generation };
  }

  return { keySet, signingKey, publicKeys, rotate };
}

function nextGeneration(keys: readonly SigningKeyRecord[]): number {
  return keys.reduce((max, key) => Math.max(max, key.generation), 0) + 1;
}

export type KeyRing = ReturnType<typeof createKeyRing>;
