import { describe, expect, it } from "vitest";
import { decodeBase64Url, encodeBase64Url, generateTimeOrderedId, generateToken, isWellFormedToken } from "./token.js";

describe("base64url", () => {
  it("encodes every length as Node's own encoder does, and decodes back", () => {
    for (let length = 0; length <= 100; length++) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      const text = encodeBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString("base64url"));
      expect(Array.from(decodeBase64Url(text)!)).toEqual(Array.from(bytes));
    }
  });

  it("uses - and _ for the two last digits, with no padding", () => {
    expect(encodeBase64Url(new Uint8Array([0xfb, 0xff]))).toBe("-_8");
    expect(encodeBase64Url(new Uint8Array([0xff, 0xff, 0xff]))).toBe("____");
  });

  it("a generated token is 43 characters of base64url", () => {
    const token = generateToken((bytes) => crypto.getRandomValues(bytes));
    expect(isWellFormedToken(token)).toBe(true);
  });
});

describe("time-ordered ids", () => {
  const random = (bytes: Uint8Array) => crypto.getRandomValues(bytes);

  it("sort as their times do, byte by byte as SQLite's BINARY collation compares them, across every width of the time", () => {
    const times = [0, 1, 35, 36, 1295, 1296, 1_700_000_000_000, 1_796_000_000_000, 2_821_109_907_455, 2_821_109_907_456, 4_102_444_800_000];
    const ids = times.map((at) => generateTimeOrderedId(at, random));
    expect([...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))).toEqual(ids);
    expect(new Set(ids.map((id) => id.length)).size).toBe(1);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{9}[A-Za-z0-9_-]{22}$/);
  });

  it("take a clock that is not a time (NaN, infinite, before 1970) as zero, keeping their form", () => {
    for (const at of [Number.NaN, Number.POSITIVE_INFINITY, -1]) expect(generateTimeOrderedId(at, random)).toMatch(/^0{9}[A-Za-z0-9_-]{22}$/);
  });

  it("made in the same millisecond, still differ by 128 random bits", () => {
    const ids = new Set(Array.from({ length: 1000 }, () => generateTimeOrderedId(1_796_000_000_000, random)));
    expect(ids.size).toBe(1000);
  });
});
