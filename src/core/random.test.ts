import { describe, expect, it } from "vitest";
import { createRandomPool } from "./random.js";

/** A fill that counts its calls and writes a running counter, so every byte's origin is known. */
function countingFill() {
  let next = 1;
  const calls: number[] = [];
  const fill = (bytes: Uint8Array) => {
    calls.push(bytes.length);
    for (let i = 0; i < bytes.length; i++) bytes[i] = next++ % 251 || 251;
    return bytes;
  };
  return { fill, calls };
}

describe("the pooled random source", () => {
  it("draws a page at a time and hands each byte out once", () => {
    const { fill, calls } = countingFill();
    const random = createRandomPool(fill);
    const drawn = Array.from({ length: 128 }, () => Array.from(random(new Uint8Array(32))));
    expect(calls).toEqual([4096]); // 128 × 32 bytes: exactly one page
    expect(drawn.flat()).toEqual(Array.from({ length: 4096 }, (_, i) => (i + 1) % 251 || 251));
    random(new Uint8Array(1));
    expect(calls).toEqual([4096, 4096]);
  });

  it("refills rather than hand out a short draw at the end of a page", () => {
    const { fill, calls } = countingFill();
    const random = createRandomPool(fill);
    random(new Uint8Array(4090));
    const bytes = random(new Uint8Array(16));
    expect(calls).toEqual([4096, 4096]);
    expect(bytes.every((byte) => byte !== 0)).toBe(true);
  });

  it("wipes what it hands out: the pool never holds a secret already issued", () => {
    let page: Uint8Array | undefined;
    const random = createRandomPool((bytes) => {
      page = bytes;
      return crypto.getRandomValues(bytes);
    });
    const token = random(new Uint8Array(32));
    expect(token.some((byte) => byte !== 0)).toBe(true);
    expect(Array.from(page!.subarray(0, 32))).toEqual(new Array(32).fill(0));
    expect(page!.subarray(32).some((byte) => byte !== 0)).toBe(true);
  });

  it("passes a draw larger than a page straight through", () => {
    const { fill, calls } = countingFill();
    expect(createRandomPool(fill)(new Uint8Array(10_000))).toHaveLength(10_000);
    expect(calls).toEqual([10_000]);
  });

  it("by default gives distinct values from Web Crypto", () => {
    const random = createRandomPool();
    const seen = new Set(Array.from({ length: 1000 }, () => Array.from(random(new Uint8Array(16))).join(",")));
    expect(seen.size).toBe(1000);
  });
});
