/**
 * Property-based tests for `checkRedirect` (checklist S14 and S30).
 *
 * Every property runs with a fixed seed and a bounded number of runs, so the file is
 * deterministic and fast. On failure fast-check prints the seed, the path and the shrunk
 * counterexample; to replay, keep SEED and add `path: "<printed path>"` to the options.
 *
 * The judge is the WHATWG URL parser, the one browsers follow a Location with: whatever
 * `checkRedirect` accepts must, read by it, stay on Sesame's origin or an allowed one.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRedirect } from "./redirect.js";

/** Fixed seed for every property in this file (change it locally to explore; keep it fixed here). */
const SEED = 0x5e5a_0e30;
const RUNS = 4_000;
/** Each property must see at least this many accepted inputs, and this many changed by normalising, or it proves nothing. */
const MIN_ACCEPTED = RUNS / 10;
const MIN_NORMALISED = RUNS / 50;

/** A base URL with a path, as Sesame may be mounted; paths resolve against its origin all the same. */
const BASE_URL = "https://auth.example.com/auth/";
const OWN = new URL(BASE_URL).origin;
const ALLOWED = ["https://app.example.com"];
/** Pages a Location or a JSON `next` may be followed from. */
const PAGES = [BASE_URL, `${OWN}/auth/login?token=x`, `${OWN}/auth/a/b/c/`];

const opts = { numRuns: RUNS, seed: SEED };

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/**
 * Pieces that browsers (or apps decoding a value) turn into separators, dot segments,
 * hosts, schemes or nothing at all: slashes and backslashes, plain and encoded once, twice
 * or thrice, dots and `%2e`, tabs and newlines (stripped by browsers), `@` and `:`
 * (credentials, ports, schemes), look-alike full-width and ideographic forms. Separators
 * and dots are drawn most often: the tricks of S30 are runs of them.
 */
const SEPARATORS = ["/", "\\", "%2f", "%2F", "%5c", "%5C", "%252f", "%255c", "%25252f"];
const DOTS = [".", "..", "%2e", "%2E", "%2e%2e", ".%2e", "%252e", "%2525252e"];
const STRIPPED = ["%09", "%0a", "%0d", "%00", "%20", "\t", "\n", "\r", " ", "\u0000", "\u001f", "\u007f", "\u200b"];
const OTHERS = [
  "%25",
  "%",
  "%zz",
  "@",
  ":",
  "%40",
  "%3a",
  "?",
  "#",
  "%3f",
  "%23",
  "&",
  "=",
  "evil.com",
  "app",
  "a",
  "x.y",
  "127.0.0.1",
  "[::1]",
  "javascript:",
  "https:",
  "http:",
  "\uff0f",
  "\uff3c",
  "\uff0e",
  "\u3002",
  "\u2215",
  "é",
];
const piece = fc.oneof(
  { arbitrary: fc.constantFrom(...SEPARATORS), weight: 5 },
  { arbitrary: fc.constantFrom(...DOTS), weight: 4 },
  { arbitrary: fc.constantFrom(...STRIPPED), weight: 1 },
  { arbitrary: fc.constantFrom(...OTHERS), weight: 3 },
);
const pieces = fc.array(piece, { maxLength: 10 }).map((parts) => parts.join(""));
/** Plain slashes and dot segments only: `/.//evil.com`, `/a/..//evil.com`, `/%2e//evil.com`. */
const dotPieces = fc.array(fc.constantFrom("/", "/", "/", ".", "..", "%2e", "%2E%2e", "a", "evil.com"), { maxLength: 8 }).map((parts) => parts.join(""));

/** Starts of absolute targets: ours, the allowed one, others, and look-alikes of them. */
const ORIGINS = [
  OWN,
  "https://app.example.com",
  "HTTPS://APP.EXAMPLE.COM",
  "https://app.example.com:443",
  "https://app.example.com.",
  "http://app.example.com",
  "https://evil.com",
  "https://app.example.com@evil.com",
  "https://evil.com\\@app.example.com",
  "https:app.example.com",
  "https:/app.example.com",
  "https:\\\\app.example.com",
  "javascript://app.example.com",
  "//app.example.com",
];
const origin = fc.constantFrom(...ORIGINS);

/** Every kind of target, weighted towards paths (most likely to be accepted, and where S30's tricks live). */
const target = fc.oneof(
  { arbitrary: pieces.map((rest) => `/${rest}`), weight: 6 },
  { arbitrary: dotPieces.map((rest) => `/${rest}`), weight: 4 },
  { arbitrary: pieces, weight: 2 },
  { arbitrary: fc.tuple(origin, pieces).map(([start, rest]) => `${start}/${rest}`), weight: 4 },
  { arbitrary: fc.tuple(origin, pieces).map(([start, rest]) => `${start}${rest}`), weight: 1 },
  { arbitrary: fc.string().map((rest) => `/${rest}`), weight: 1 },
  { arbitrary: fc.string({ unit: "binary" }), weight: 1 },
);

/** Runs `check` on every accepted target; returns how many were accepted and how many came back changed. */
function forAccepted(check: (next: string, returned: string) => void): { accepted: number; normalised: number } {
  let accepted = 0;
  let normalised = 0;
  fc.assert(
    fc.property(target, (next) => {
      const returned = checkRedirect(next, OWN, ALLOWED);
      if (returned === null) return;
      accepted++;
      if (returned !== next) normalised++;
      check(next, returned);
    }),
    opts,
  );
  return { accepted, normalised };
}

function expectProvedSomething({ accepted, normalised }: { accepted: number; normalised: number }): void {
  expect(accepted).toBeGreaterThanOrEqual(MIN_ACCEPTED);
  expect(normalised).toBeGreaterThanOrEqual(MIN_NORMALISED);
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe("S14/S30: redirect target properties", () => {
  it(`1. an accepted target, read as a browser reads it from any page, stays on our origin or an allowed one (${RUNS} runs)`, () => {
    const seen = forAccepted((_next, returned) => {
      for (const page of PAGES) {
        expect([OWN, ...ALLOWED]).toContain(new URL(returned, page).origin);
      }
      // Nothing a browser would strip or rewrite before reading it: what was checked is what it reads.
      expect(returned).toMatch(/^[\x21-\x5b\x5d-\x7e]+$/);
      expect(returned).not.toMatch(/^[/\\]{2}/);
    });
    expectProvedSomething(seen);
  });

  it(`2. the returned value is a fixed point: checking it again gives it back (${RUNS} runs)`, () => {
    const seen = forAccepted((_next, returned) => {
      expect(checkRedirect(returned, OWN, ALLOWED)).toBe(returned);
    });
    expectProvedSomething(seen);
  });

  it(`3. an app that decodes an accepted target, once or more, still reads our origin or an allowed one (${RUNS} runs)`, () => {
    const seen = forAccepted((_next, returned) => {
      for (let layer = returned, depth = 0; depth < 3; depth++) {
        layer = decodeURIComponent(layer); // never throws: a target that does not decode is refused
        const url = new URL(layer, BASE_URL);
        expect([OWN, ...ALLOWED]).toContain(url.origin);
        expect(url.pathname).not.toMatch(/^[/\\]{2}/);
      }
    });
    expectProvedSomething(seen);
  });

  it(`4. a path target stays a path: it is accepted as one starting with a single / (${RUNS} runs)`, () => {
    const seen = forAccepted((next, returned) => {
      if (next.startsWith("/")) expect(returned).toMatch(/^\/(?![/\\])/);
    });
    expectProvedSomething(seen);
  });
});
