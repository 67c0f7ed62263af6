/**
 * Property-based tests for `canonicalizeEmail` (checklist S16, and S25 for "input of any shape").
 *
 * Every property runs with a fixed seed and a bounded number of runs, so the file is
 * deterministic and fast. On failure fast-check prints the seed, the path and the shrunk
 * counterexample; to replay, keep SEED and add `path: "<printed path>"` to the options.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalizeEmail, type EmailCheck } from "./email.js";

/** Fixed seed for every property in this file (change it locally to explore; keep it fixed here). */
const SEED = 0x5e5a_0e16;
/** Runs for the properties over arbitrary strings (cheap per run). */
const RUNS = 2_000;
/** Runs for the targeted generators (pairs, insertions, case flips). */
const RUNS_TARGETED = 1_000;

/**
 * Each property over `anyString` must see at least this many accepted inputs, or it proves
 * nothing (with SEED, about 21% of the inputs are accepted, a quarter of them non-ASCII).
 */
const MIN_ACCEPTED = RUNS / 10;

const opts = (numRuns: number) => ({ numRuns, seed: SEED });

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Lower-cases A-Z only: the one folding S16 allows in the local part. */
const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
const isAscii = (s: string): boolean => [...s].every((c) => c.codePointAt(0)! < 0x80);
const localOf = (email: string): string => email.slice(0, email.lastIndexOf("@"));

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
const STRICT_GRAMMAR =
  /^[a-z0-9#$&'*+/=?^_`{|}~-]+(\.[a-z0-9#$&'*+/=?^_`{|}~-]+)*@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]*[a-z][a-z0-9-]*$/;
/**
 * STRICT_GRAMMAR without the "TLD contains a letter" rule: every label, the last included,
 * is a 1-63 character LDH label. Property 2 checks this; property 2b checks the letter rule
 * on its own, so that a failure of the one (see 2b) does not hide failures of the other.
 */
const LDH_GRAMMAR =
  /^[a-z0-9#$&'*+/=?^_`{|}~-]+(\.[a-z0-9#$&'*+/=?^_`{|}~-]+)*@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

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

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

const ATEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789#$&'*+/=?^_`{|}~-";
const atextChar = fc.constantFrom(...ATEXT);
const atom = fc.string({ unit: atextChar, minLength: 1, maxLength: 10 });
/** A syntactically valid ASCII dot-atom local part, mixed case, without `=?` (an encoded word, refused: S29). */
const asciiLocal = fc
  .array(atom, { minLength: 1, maxLength: 4 })
  .map((atoms) => atoms.join("."))
  .filter((local) => !local.includes("=?"));

const ldhLabel = fc.stringMatching(/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,8}[a-zA-Z0-9])?$/);
const letterTld = fc.stringMatching(/^[a-zA-Z]{2,6}$/);
/** A plain ASCII domain that should always be accepted. */
const asciiDomain = fc
  .tuple(fc.array(ldhLabel, { minLength: 1, maxLength: 3 }), letterTld)
  .map(([labels, tld]) => [...labels, tld].join("."));
const asciiAddress = fc.tuple(asciiLocal, asciiDomain).map(([local, domain]) => `${local}@${domain}`);

/**
 * Characters that play tricks under case mapping, compatibility/canonical normalisation or
 * rendering: dotless i, long s, Kelvin and Ångström signs, sharp s, dotted capital I,
 * ligatures, full-width forms, zero-width and format characters, combining marks, the Greek
 * varia (NFC → `) and question mark (NFC → ;), look-alike @, separators.
 */
const TRICKY = [
  "\u0131", "\u017F", "\u212A", "\u212B", "\u00DF", "\u1E9E", "\u0130", "\uFB00", "\uFB06",
  "\uFF21", "\uFF45", "\uFF4B", "\uFF53", "\uFF11", "\u0301", "\u0307", "\u0338", "\u034F",
  "\uFE0F", "\u200B", "\u200C", "\u200D", "\uFEFF", "\u00AD", "\u2060", "\u00E9", "e\u0301",
  "\u03C2", "\u03A3", "\u01C5", "\u24D0", "\u1D00", "\u1FEF", "\u037E", "\u00A0", "\u3000",
  "\u2028", "\u0085", "\uFF20", "\uFE6B", "\u00E4", "\u00C4", "\u2170", "\u2168", "\u00B2",
  "\u0663", "\u01F0", "\u2474", "\u2488", "\uFF0C", "\uFF1C", "\u0440\u0444", "\u65E5\u672C",
  "@", ".", "%", "!", '"', "\\", " ", "\t", "\r\n", ",", ";", "<", ">", "(", ")", "[", "]",
];
const trickyChar = fc.constantFrom(...TRICKY);

/** One "character" for plausible addresses: mostly atext, sometimes a trick, sometimes any grapheme. */
const mixedUnit = fc.oneof(
  { arbitrary: atextChar, weight: 24 },
  { arbitrary: fc.constant("."), weight: 2 },
  { arbitrary: trickyChar, weight: 2 },
  { arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }), weight: 1 },
);
const plausibleLocal = fc.string({ unit: mixedUnit, minLength: 1, maxLength: 12 });

const domainUnit = fc.oneof(
  { arbitrary: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"), weight: 24 },
  { arbitrary: trickyChar, weight: 2 },
  {
    arbitrary: fc.constantFrom("\u00FC", "\u00DC", "\u00E9", "e\u0301", "\u0440", "\u0444", "\u4E2D", "\u0661", "\u05D0", "\u0627"),
    weight: 2,
  },
  { arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }), weight: 1 },
);
const plausibleLabel = fc.string({ unit: domainUnit, minLength: 1, maxLength: 12 });
const plausibleTld = fc.oneof(
  { arbitrary: letterTld, weight: 6 },
  {
    arbitrary: fc.constantFrom("xn--p1ai", "\u0440\u0444", "\uFF23\uFF2F\uFF2D", "\u4E2D\u56FD", "\u0395\u039B", "XN--BCHER-KVA"),
    weight: 2,
  },
  // Not real TLDs: digits and hyphens only, including full-width digits UTS #46 maps to ASCII.
  { arbitrary: fc.stringMatching(/^[0-9](?:[0-9-]{0,3}[0-9])?$/), weight: 1 },
  { arbitrary: fc.constantFrom("\uFF11-\uFF12", "0x1g", "0x7f", "1e3"), weight: 1 },
  { arbitrary: plausibleLabel, weight: 1 },
);
const plausibleDomain = fc
  .tuple(fc.array(plausibleLabel, { minLength: 1, maxLength: 3 }), plausibleTld)
  .map(([labels, tld]) => [...labels, tld].join("."));
const padding = fc.constantFrom("", "", "", "", "", "", " ", "\t", "  \t ", "\u00A0", "\u3000", "\uFEFF", "\n", "\r\n");
const plausibleAddress = fc
  .tuple(padding, plausibleLocal, plausibleDomain, padding)
  .map(([before, local, domain, after]) => `${before}${local}@${domain}${after}`);

/** Long addresses around the limits: 64-character local part, 63-character labels, 254 in total. */
const longLabel = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{30,61}[a-z0-9])$/);
const longAddress = fc
  .tuple(
    fc.string({ unit: atextChar, minLength: 40, maxLength: 66 }),
    fc.array(longLabel, { minLength: 1, maxLength: 4 }),
    letterTld,
  )
  .map(([local, labels, tld]) => `${local}@${[...labels, tld].join(".")}`);

/** Every kind of string input, weighted towards inputs that have a chance of being accepted. */
const anyString = fc.oneof(
  { arbitrary: fc.string(), weight: 1 },
  { arbitrary: fc.string({ unit: "grapheme" }), weight: 1 },
  { arbitrary: fc.string({ unit: "grapheme-composite" }), weight: 1 },
  { arbitrary: fc.string({ unit: "binary" }), weight: 1 },
  { arbitrary: fc.emailAddress(), weight: 2 },
  { arbitrary: fc.mixedCase(asciiAddress), weight: 2 },
  { arbitrary: plausibleAddress, weight: 10 },
  { arbitrary: longAddress, weight: 2 },
);

/** Runs `check` on every accepted output; returns how many inputs were accepted (to prove non-vacuity). */
function forAccepted(
  arb: fc.Arbitrary<string>,
  numRuns: number,
  check: (input: string, email: string) => void,
): number {
  let accepted = 0;
  fc.assert(
    fc.property(arb, (input) => {
      const result = canonicalizeEmail(input);
      if (!result.ok) return;
      accepted++;
      check(input, result.email);
    }),
    opts(numRuns),
  );
  return accepted;
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

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

  describe("4. no collisions across different mailboxes", () => {
    it(`different ASCII local parts (not only in case) on one domain stay different (${RUNS_TARGETED} runs)`, () => {
      fc.assert(
        fc.property(asciiLocal, asciiLocal, asciiDomain, (a, b, domain) => {
          fc.pre(asciiLower(a) !== asciiLower(b));
          const ca = canonicalizeEmail(`${a}@${domain}`);
          const cb = canonicalizeEmail(`${b}@${domain}`);
          expect(ca.ok && cb.ok).toBe(true);
          if (ca.ok && cb.ok) expect(ca.email).not.toBe(cb.email);
        }),
        { ...opts(RUNS_TARGETED), examples: [["ada", "a.da", "example.com"]] },
      );
    });

    it(`small edits of a local part (dot, extra char, substitution, swap) never collide (${RUNS_TARGETED} runs)`, () => {
      const edit = fc.tuple(
        asciiLocal,
        fc.nat(),
        fc.constantFrom("insert-dot", "remove-dot", "insert", "substitute", "swap"),
        atextChar,
        asciiDomain,
      );
      fc.assert(
        fc.property(edit, ([local, n, kind, ch, domain]) => {
          const i = n % (local.length + 1);
          let edited: string;
          switch (kind) {
            case "insert-dot":
              edited = `${local.slice(0, i)}.${local.slice(i)}`;
              break;
            case "remove-dot":
              edited = local.replace(".", "");
              break;
            case "insert":
              edited = `${local.slice(0, i)}${ch}${local.slice(i)}`;
              break;
            case "substitute":
              edited = `${local.slice(0, i)}${ch}${local.slice(i + 1)}`;
              break;
            case "swap":
              edited = `${local.slice(0, i)}${local.slice(i + 1, i + 2)}${local.slice(i, i + 1)}${local.slice(i + 2)}`;
              break;
          }
          fc.pre(asciiLower(edited) !== asciiLower(local));
          const original = canonicalizeEmail(`${local}@${domain}`);
          const changed = canonicalizeEmail(`${edited}@${domain}`);
          expect(original.ok).toBe(true);
          // The edit may break the dot-atom (".ada", "a..da"); refusal is fine, a collision is not.
          if (original.ok && changed.ok) expect(changed.email).not.toBe(original.email);
        }),
        { ...opts(RUNS_TARGETED), examples: [[["ada", 1, "insert-dot", "a", "example.com"]]] },
      );
    });

    it(`only ASCII case is folded in the local part (${RUNS} runs)`, () => {
      const accepted = forAccepted(anyString, RUNS, (input, email) => {
        const value = input.trim().normalize("NFC");
        const typedLocal = value.slice(0, value.lastIndexOf("@"));
        expect(localOf(email)).toBe(asciiLower(typedLocal));
      });
      expect(accepted).toBeGreaterThan(MIN_ACCEPTED);
    });

    it(`canonically equivalent inputs (NFC, NFD) get the same verdict (${RUNS} runs)`, () => {
      fc.assert(
        fc.property(anyString, (input) => {
          const result = canonicalizeEmail(input);
          for (const form of ["NFC", "NFD"] as const) {
            const equivalent = input.normalize(form);
            // The 320-character limit is applied to the raw input, before NFC, by design.
            if (equivalent.length > 320 || input.length > 320) continue;
            expect(canonicalizeEmail(equivalent)).toEqual(result);
          }
        }),
        { ...opts(RUNS), examples: [["\u212Aate@example.com"], ["a@cafe\u0301.fr"]] },
      );
    });

    it(`inserting ı ſ İ ß, full-width, zero-width or combining characters is refused unless NFC makes it ASCII (${RUNS_TARGETED} runs)`, () => {
      const INSERTED = [
        "\u0131", // ı dotless i (upper-cases to I)
        "\u017F", // ſ long s (upper-cases to S)
        "\u0130", // İ dotted capital I (lower-cases to i + U+0307)
        "\u00DF", // ß (upper-cases to SS)
        "\u1E9E", // ẞ capital sharp s
        "\u212A", // KELVIN SIGN: NFC → K (ASCII), may be accepted
        "\u212B", // ANGSTROM SIGN: NFC → Å (not ASCII)
        "\u1FEF", // GREEK VARIA: NFC → ` (ASCII atext), may be accepted
        "\u037E", // GREEK QUESTION MARK: NFC → ; (refused as a separator)
        "\uFF21", // Ａ full-width
        "\uFF4B", // ｋ full-width
        "\uFF53", // ｓ full-width
        "\uFB00", // ﬀ ligature
        "\u200B", // ZERO WIDTH SPACE
        "\u200C", // ZERO WIDTH NON-JOINER
        "\u200D", // ZERO WIDTH JOINER
        "\uFEFF", // ZERO WIDTH NO-BREAK SPACE / BOM
        "\u2060", // WORD JOINER
        "\u00AD", // SOFT HYPHEN
        "\u0301", // combining acute
        "\u0307", // combining dot above
        "\u0338", // combining long solidus overlay (= + U+0338 composes to ≠)
        "\u034F", // combining grapheme joiner
        "\uFE0F", // variation selector 16
      ];
      fc.assert(
        fc.property(asciiLocal, fc.nat(), fc.constantFrom(...INSERTED), asciiDomain, (local, n, ch, domain) => {
          const i = n % (local.length + 1);
          const input = `${local.slice(0, i)}${ch}${local.slice(i)}@${domain}`;
          const result = canonicalizeEmail(input);
          // Canonically equivalent spellings are one input: same verdict, same reason.
          expect(result).toEqual(canonicalizeEmail(input.normalize("NFC")));
          const nfcLocal = localOf(input.normalize("NFC"));
          if (!isAscii(nfcLocal)) {
            // Not canonically equivalent to any ASCII spelling: must be refused.
            expect(result.ok).toBe(false);
          }
          if (result.ok) {
            // Accepted only because NFC maps it to ASCII; then it is that ASCII address.
            expect(isAscii(localOf(result.email))).toBe(true);
            expect(canonicalizeEmail(input.normalize("NFC"))).toEqual({ ok: true, email: result.email });
          }
        }),
        {
          ...opts(RUNS_TARGETED),
          examples: [
            ["ate", 0, "\u212A", "example.com"],
            ["da", 0, "\u0131", "example.com"],
            ["sa", 1, "\u00DF", "example.com"],
          ],
        },
      );
    });
  });

  it(`5. random case flips of an accepted address give the same canonical form (${RUNS_TARGETED} runs)`, () => {
    // Accepted ASCII inputs: plain addresses and the (ASCII, possibly punycode) canonical
    // forms of plausible Unicode addresses.
    const canonicalOfPlausible = plausibleAddress
      .map((input) => canonicalizeEmail(input))
      .filter((r): r is { ok: true; email: string } => r.ok)
      .map((r) => r.email);
    const base = fc.oneof(asciiAddress, canonicalOfPlausible, fc.constant("ada@xn--bcher-kva.ch"));
    const withFlips = base.chain((address) =>
      fc.tuple(fc.constant(address), fc.mixedCase(fc.constant(address)), fc.mixedCase(fc.constant(address))),
    );
    fc.assert(
      fc.property(withFlips, ([address, flipA, flipB]) => {
        const canonical = canonicalizeEmail(address);
        expect(canonical.ok).toBe(true);
        if (!canonical.ok) return;
        expect(canonicalizeEmail(flipA)).toEqual(canonical);
        expect(canonicalizeEmail(flipB)).toEqual(canonical);
      }),
      opts(RUNS_TARGETED),
    );
  });

  it(`6. accepted outputs carry nothing usable for header injection (${RUNS} + ${RUNS_TARGETED} runs)`, () => {
    const accepted = forAccepted(anyString, RUNS, (_input, email) => {
      expect(email).not.toMatch(HEADER_INJECTION);
    });
    expect(accepted).toBeGreaterThan(MIN_ACCEPTED);

    // Injection payloads spliced into a valid address anywhere (before, inside, after the @).
    const PAYLOADS = [
      "\r\n", "\n", "\r", "\r\nBcc: eve@evil.example", ",eve@evil.example", "; eve@evil.example",
      "<", ">", '"', "(", ")", "[", "]", " ", "\t", "\u0085", "\u2028", "\u2029", "\u000B", "\u000C",
      "\u0000", "%0d%0a", "\uFF0C", "\uFF1B", "\uFF1C", "\u2474", "\uFE50", "\u3002",
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
