/**
 * Property-based tests for `canonicalizeEmail` (checklist S16): different mailboxes never
 * share a canonical address, and the spellings of one mailbox always do. What every
 * accepted output is: email.property.test.ts. The generators, the fixed seed and the
 * bounded runs (and how to replay a failure): email.arbitraries.check.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  anyString,
  asciiAddress,
  asciiDomain,
  asciiLocal,
  atextChar,
  forAccepted,
  isAscii,
  MIN_ACCEPTED,
  opts,
  plausibleAddress,
  RUNS,
  RUNS_TARGETED,
} from "./email.arbitraries.check.js";
import { canonicalizeEmail } from "./email.js";

/** Lower-cases A-Z only: the one folding S16 allows in the local part. */
const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
const localOf = (email: string): string => email.slice(0, email.lastIndexOf("@"));

describe("S16/S25: e-mail canonicalisation properties", () => {
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
      const edit = fc.tuple(asciiLocal, fc.nat(), fc.constantFrom("insert-dot", "remove-dot", "insert", "substitute", "swap"), atextChar, asciiDomain);
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
    const withFlips = base.chain((address) => fc.tuple(fc.constant(address), fc.mixedCase(fc.constant(address)), fc.mixedCase(fc.constant(address))));
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
});
