import { describe, expect, it } from "vitest";
import { hashToken } from "../core/token.js";
import { sha256 } from "./node.js";

describe("the Node SHA-256", () => {
  it("gives exactly what Web Crypto gives, so stores written by either runtime agree", async () => {
    for (const text of ["", "a", "Zq3-_8aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789a", "é ß ı 😀", "x".repeat(10_000), "secret:123456"]) {
      expect(sha256(text)).toBe(await hashToken(text));
    }
  });
});
