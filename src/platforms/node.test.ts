import { describe, expect, it } from "vitest";
import { createSealer } from "../core/mail/seal.js";
import { hashToken } from "../core/token.js";
import { aesGcm, sha256 } from "./node.js";

describe("the Node SHA-256", () => {
  it("gives exactly what Web Crypto gives, so stores written by either runtime agree", async () => {
    for (const text of ["", "a", "Zq3-_8aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789a", "é ß ı 😀", "x".repeat(10_000), "secret:123456"]) {
      expect(sha256(text)).toBe(await hashToken(text));
    }
  });
});

describe("the Node AES-GCM", () => {
  const SECRET = "a secret of at least thirty-two characters";
  const random = (bytes: Uint8Array) => crypto.getRandomValues(bytes);
  const PLAIN = '{"token":"Zq3-_8aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789a","locale":"fr"}';

  it("seals exactly what Web Crypto seals, for the same key, IV and row", async () => {
    // The same IV on both sides: the boxes must be equal byte for byte.
    const sameIv = (bytes: Uint8Array) => bytes.fill(7);
    const web = await createSealer(SECRET, sameIv).seal("row-1", PLAIN);
    const node = await createSealer(SECRET, sameIv, "mail outbox v1", aesGcm).seal("row-1", PLAIN);
    expect(node).toBe(web);
  });

  it("seals boxes that Web Crypto opens, bound to their row and secret", async () => {
    const box = await createSealer(SECRET, random, "mail outbox v1", aesGcm).seal("row-1", PLAIN);
    expect(box).not.toContain("Zq3");
    expect(await createSealer(SECRET, random).open("row-1", box)).toBe(PLAIN);
    expect(await createSealer(SECRET, random).open("row-2", box)).toBeNull();
    expect(await createSealer(`${SECRET}!`, random).open("row-1", box)).toBeNull();
    expect(await createSealer(SECRET, random, "signing keys v1").open("row-1", box)).toBeNull();
  });
});
