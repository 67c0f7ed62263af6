/**
 * Property-based tests for `canonicalizeEmail` (checklist S16, and S25 for "input of any shape"):
 * what every accepted output is, that nothing makes it throw, and that nothing accepted can
 * inject a header. Which inputs share an address: email.collisions.property.test.ts. The
 * generators, the fixed seed and the bounded runs (and how to replay a failure):
 * email.arbitraries.check.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyString, asciiAddress, atextChar, forAccepted, isAscii, MIN_ACCEPTED, opts, RUNS, RUNS_TARGETED } from "./email.arbitraries.check.js";
import { canonicalizeEmail, type EmailCheck } from "./email.js";

const REASONS = new Set([
  "missing",
  "too_long",
  "control_character",
  "several_addresses",
  "lookalike_at",
  "encoded_word",
  "missing_at",
  "local_part",
  "domain",
]);

/**
 * The strict grammar every stored address must match: an ASCII dot-atom (atext less % and !),
 * then LDH labels of at most 63 characters, the last one containing a letter (no numeric
 * or digits-and-hyphens-only TLD). Punycode TLDs (`xn--p1ai`) contain letters, so they
 * match as they are; no adjustment was needed for them.
 */
const STRICT_GRAMMAR = /^[a-z0-9#$&'*+/=?^_`{|}~-]+(\.[a-z0-9#$&'*+/=?^_`{|}~-]+)*@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]*[a-z][a-z0-9-]*$/;
/**
 * STRICT_GRAMMAR without the "TLD contains a letter" rule: every label, the last included,
 * is a 1-63 character LDH label. Property 2 checks this; property 2b checks the letter rule
 * on its own, so that a failure of the one (see 2b) does not hide failures of the other.
 */
const LDH_GRAMMAR = /^[a-z0-9#$&'*+/=?^_`{|}~-]+(\.[a-z0-9#$&'*+/=?^_`{|}~-]+)*@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Characters that must never reach a mail header or an SMTP command line. */
const HEADER_INJECTION = /[\r\n,;<>"()[\] ]/;

function expectRefusalShape(result: EmailCheck): void {
  expect(typeof result).toBe("object");
  expect(result).not.toBeNull();
  expect(typeof result.ok).toBe("boolean");
  if (result.ok) {
    expect(typeof result.email).toBe("string");
  } else {
    expect(REASONS.has(result.reason)).toBe(true);
    expect(typeof result.message).toBe("string");
    expect(result.message.trim().length).toBeGreaterThan(0);
  }
}

describe("S16/S25: e-mail canonicalisation properties", () => {
  it(`1. is idempotent: canonicalize(canonicalize(x)) = canonicalize(x) (${RUNS} runs)`, () => {
    const accepted = forAccepted(anyString, RUNS, (_input, email) => {
      expect(canonicalizeEmail(email)).toEqual({ ok: true, email });
    });
    // Guard against a vacuous pass: the generators must reach the accepting path often.
    expect(accepted).toBeGreaterThan(MIN_ACCEPTED);
  });

  it(`2. every accepted output is dot-atom@LDH-labels, ASCII, ≤ 254, one @, no space/control (${RUNS} runs)`, () => {
    const accepted = forAccepted(anyString, RUNS, (_input, email) => {
      expect(email).toMatch(LDH_GRAMMAR);
      expect(isAscii(email)).toBe(true);
      expect(email.length).toBeLessThanOrEqual(254);
      expect(email.split("@")).toHaveLength(2);
      expect(email).not.toMatch(/[\s\p{Cc}\p{Cf}\u2028\u2029]/u);
    });
    expect(accepted).toBeGreaterThan(MIN_ACCEPTED);
  });

  // This found TLDs of digits and hyphens ("a@a.0-0", "a@ex.\uFF11-\uFF12") being accepted;
  // no real TLD lacks a letter (RFC 1123 §2.1), so email.ts now refuses them.
  it(`2b. the TLD of every accepted output contains a letter (strict grammar) (${RUNS} runs)`, () => {
    const accepted = forAccepted(anyString, RUNS, (_input, email) => {
      expect(email).toMatch(STRICT_GRAMMAR);
    });
    expect(accepted).toBeGreaterThan(MIN_ACCEPTED);
  });

  it(`3. never throws, for any JS value (${RUNS_TARGETED} + ${RUNS} runs)`, () => {
    const throwing = new Proxy(
      {},
      {
        get() {
          throw new Error("trap");
        },
        getPrototypeOf() {
          throw new Error("trap");
        },
        ownKeys() {
          throw new Error("trap");
        },
      },
    );
    const poisoned = {
      toString(): string {
        throw new Error("toString");
      },
      valueOf(): never {
        throw new Error("valueOf");
      },
      [Symbol.toPrimitive](): never {
        throw new Error("toPrimitive");
      },
    };
    const anyValue = fc.oneof(
      fc.anything({
        maxDepth: 2,
        maxKeys: 4,
        withBoxedValues: true,
        withMap: true,
        withSet: true,
        withObjectString: true,
        withNullPrototype: true,
        withBigInt: true,
        withDate: true,
        withTypedArray: true,
        withSparseArray: true,
        stringUnit: "binary",
      }),
      fc.constantFrom<unknown>(throwing, poisoned, Symbol("a@b.com"), () => "a@b.com", new String("a@b.com"), NaN),
      // Around the length limits (320 input, 254 address, 64 local part).
      fc.string({ unit: atextChar, minLength: 300, maxLength: 400 }).map((s) => `${s.slice(0, 64)}@${s.slice(64)}.com`),
      fc.string({ unit: "binary", minLength: 300, maxLength: 400 }),
    );
    fc.assert(
      fc.property(anyValue, (value) => {
        expectRefusalShape(canonicalizeEmail(value));
      }),
      opts(RUNS_TARGETED),
    );
    fc.assert(
      fc.property(anyString, (value) => {
        expectRefusalShape(canonicalizeEmail(value));
      }),
      opts(RUNS),
    );
  });

  it(`6. accepted outputs carry nothing usable for header injection (${RUNS} + ${RUNS_TARGETED} runs)`, () => {
    const accepted = forAccepted(anyString, RUNS, (_input, email) => {
      expect(email).not.toMatch(HEADER_INJECTION);
    });
    expect(accepted).toBeGreaterThan(MIN_ACCEPTED);

    // Injection payloads spliced into a valid address anywhere (before, inside, after the @).
    const PAYLOADS = [
      "\r\n",
      "\n",
      "\r",
      "\r\nBcc: eve@evil.example",
      ",eve@evil.example",
      "; eve@evil.example",
      "<",
      ">",
      '"',
      "(",
      ")",
      "[",
      "]",
      " ",
      "\t",
      "\u0085",
      "\u2028",
      "\u2029",
      "\u000B",
      "\u000C",
      "\u0000",
      "%0d%0a",
      "\uFF0C",
      "\uFF1B",
      "\uFF1C",
      "\u2474",
      "\uFE50",
      "\u3002",
    ];
    fc.assert(
      fc.property(asciiAddress, fc.nat(), fc.constantFrom(...PAYLOADS), (address, n, payload) => {
        const i = n % (address.length + 1);
        const result = canonicalizeEmail(`${address.slice(0, i)}${payload}${address.slice(i)}`);
        if (!result.ok) return;
        expect(result.email).not.toMatch(HEADER_INJECTION);
        expect(result.email).not.toMatch(/[\p{Cc}\p{Cf}\u2028\u2029]/u);
        // Only a blank trimmed off the ends may be accepted, and then it is the same address.
        expect(canonicalizeEmail(address)).toEqual(result);
      }),
      opts(RUNS_TARGETED),
    );
  });
});
