import { describe, expect, it } from "vitest";
import { decodeBase64Url, encodeBase64Url, generateToken, isWellFormedToken } from "./token.js";

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
