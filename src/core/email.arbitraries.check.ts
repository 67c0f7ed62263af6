/**
 * Test support for the property tests of `canonicalizeEmail` (email.property.test.ts and
 * email.collisions.property.test.ts): the run settings, the generators, and forAccepted.
 * Nothing here runs in Sesame; it imports fast-check and src/core only.
 *
 * Every property runs with a fixed seed and a bounded number of runs, so the files are
 * deterministic and fast. On failure fast-check prints the seed, the path and the shrunk
 * counterexample; to replay, keep SEED and add `path: "<printed path>"` to the options.
 */
import fc from "fast-check";
import { canonicalizeEmail } from "./email.js";

/** Fixed seed for every property in these files (change it locally to explore; keep it fixed here). */
const SEED = 0x5e5a_0e16;
/** Runs for the properties over arbitrary strings (cheap per run). */
export const RUNS = 2_000;
/** Runs for the targeted generators (pairs, insertions, case flips). */
export const RUNS_TARGETED = 1_000;

/**
 * Each property over `anyString` must see at least this many accepted inputs, or it proves
 * nothing (with SEED, about 21% of the inputs are accepted, a quarter of them non-ASCII).
 */
export const MIN_ACCEPTED = RUNS / 10;

export const opts = (numRuns: number) => ({ numRuns, seed: SEED });

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

export const isAscii = (s: string): boolean => [...s].every((c) => c.codePointAt(0)! < 0x80);

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

const ATEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789#$&'*+/=?^_`{|}~-";
export const atextChar = fc.constantFrom(...ATEXT);
const atom = fc.string({ unit: atextChar, minLength: 1, maxLength: 10 });
/** A syntactically valid ASCII dot-atom local part, mixed case, without `=?` (an encoded word, refused: S29). */
export const asciiLocal = fc
  .array(atom, { minLength: 1, maxLength: 4 })
  .map((atoms) => atoms.join("."))
  .filter((local) => !local.includes("=?"));

const ldhLabel = fc.stringMatching(/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,8}[a-zA-Z0-9])?$/);
const letterTld = fc.stringMatching(/^[a-zA-Z]{2,6}$/);
/** A plain ASCII domain that should always be accepted. */
export const asciiDomain = fc.tuple(fc.array(ldhLabel, { minLength: 1, maxLength: 3 }), letterTld).map(([labels, tld]) => [...labels, tld].join("."));
export const asciiAddress = fc.tuple(asciiLocal, asciiDomain).map(([local, domain]) => `${local}@${domain}`);

/**
 * Characters that play tricks under case mapping, compatibility/canonical normalisation or
 * rendering: dotless i, long s, Kelvin and Ångström signs, sharp s, dotted capital I,
 * ligatures, full-width forms, zero-width and format characters, combining marks, the Greek
 * varia (NFC → `) and question mark (NFC → ;), look-alike @, separators.
 */
const TRICKY = [
  "\u0131",
  "\u017F",
  "\u212A",
  "\u212B",
  "\u00DF",
  "\u1E9E",
  "\u0130",
  "\uFB00",
  "\uFB06",
  "\uFF21",
  "\uFF45",
  "\uFF4B",
  "\uFF53",
  "\uFF11",
  "\u0301",
  "\u0307",
  "\u0338",
  "\u034F",
  "\uFE0F",
  "\u200B",
  "\u200C",
  "\u200D",
  "\uFEFF",
  "\u00AD",
  "\u2060",
  "\u00E9",
  "e\u0301",
  "\u03C2",
  "\u03A3",
  "\u01C5",
  "\u24D0",
  "\u1D00",
  "\u1FEF",
  "\u037E",
  "\u00A0",
  "\u3000",
  "\u2028",
  "\u0085",
  "\uFF20",
  "\uFE6B",
  "\u00E4",
  "\u00C4",
  "\u2170",
  "\u2168",
  "\u00B2",
  "\u0663",
  "\u01F0",
  "\u2474",
  "\u2488",
  "\uFF0C",
  "\uFF1C",
  "\u0440\u0444",
  "\u65E5\u672C",
  "@",
  ".",
  "%",
  "!",
  '"',
  "\\",
  " ",
  "\t",
  "\r\n",
  ",",
  ";",
  "<",
  ">",
  "(",
  ")",
  "[",
  "]",
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
const plausibleDomain = fc.tuple(fc.array(plausibleLabel, { minLength: 1, maxLength: 3 }), plausibleTld).map(([labels, tld]) => [...labels, tld].join("."));
const padding = fc.constantFrom("", "", "", "", "", "", " ", "\t", "  \t ", "\u00A0", "\u3000", "\uFEFF", "\n", "\r\n");
export const plausibleAddress = fc
  .tuple(padding, plausibleLocal, plausibleDomain, padding)
  .map(([before, local, domain, after]) => `${before}${local}@${domain}${after}`);

/** Long addresses around the limits: 64-character local part, 63-character labels, 254 in total. */
const longLabel = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{30,61}[a-z0-9])$/);
const longAddress = fc
  .tuple(fc.string({ unit: atextChar, minLength: 40, maxLength: 66 }), fc.array(longLabel, { minLength: 1, maxLength: 4 }), letterTld)
  .map(([local, labels, tld]) => `${local}@${[...labels, tld].join(".")}`);

/** Every kind of string input, weighted towards inputs that have a chance of being accepted. */
export const anyString = fc.oneof(
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
export function forAccepted(arb: fc.Arbitrary<string>, numRuns: number, check: (input: string, email: string) => void): number {
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
