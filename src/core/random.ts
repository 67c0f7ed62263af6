/**
 * The default source of randomness: Web Crypto's, drawn a page at a time. Each
 * `getRandomValues` call has a fixed cost (about 5 µs on Node 20) that dwarfs
 * filling 32 bytes, and a link request needs six or seven draws. Bytes handed out
 * are wiped from the pool at once, so the pool never holds a secret already issued.
 */
import type { RandomSource } from "./ports.js";

/** getRandomValues fills at most 65536 bytes per call; a page is plenty. */
const POOL_BYTES = 4096;

export function createRandomPool(fill: RandomSource = (bytes) => crypto.getRandomValues(bytes)): RandomSource {
  const pool = new Uint8Array(POOL_BYTES);
  let used = POOL_BYTES;
  return (bytes) => {
    if (bytes.length > POOL_BYTES) return fill(bytes);
    if (used + bytes.length > POOL_BYTES) {
      fill(pool);
      used = 0;
    }
    const drawn = pool.subarray(used, used + bytes.length);
    bytes.set(drawn);
    drawn.fill(0);
    used += bytes.length;
    return bytes;
  };
}
