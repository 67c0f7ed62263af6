import { describe, expect, it } from "vitest";
import { canonicalizeEmail, maskAddressesIn, maskEmail } from "./email.js";

describe("S16: canonical e-mail addresses", () => {
  const accepted: [string, string][] = [
    ["ada@example.com", "ada@example.com"],
    ["  Ada@Example.COM\t", "ada@example.com"],
    ["first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk"],
    ["o'brien@example.ie", "o'brien@example.ie"],
    // U+212A KELVIN SIGN is canonically equivalent to K, so NFC makes it plain ASCII.
    ["\u212Aate@example.com", "kate@example.com"],
    // Internationalised domains keep their ASCII (punycode) form.
    ["a@BÜCHER.ch", "a@xn--bcher-kva.ch"],
    ["a@xn--bcher-kva.ch", "a@xn--bcher-kva.ch"],
    ["a@straße.de", "a@xn--strae-oqa.de"],
    // UTS #46 maps full-width letters and the long s in domains, as browsers do.
    ["a@ｅxample.com", "a@example.com"],
    ["a@\u017Ftrasse.de", "a@strasse.de"],
    // NFC: e + combining acute in the domain is the same domain as é.
    ["a@cafe\u0301.fr", "a@xn--caf-dma.fr"],
    ["a@café.fr", "a@xn--caf-dma.fr"],
  ];
  it.each(accepted)("accepts %j as %j", (input, canonical) => {
    expect(canonicalizeEmail(input)).toEqual({ ok: true, email: canonical });
  });

  const refused: [string, string][] = [
    ["", "missing"],
    ["   ", "missing"],
    ["no-at-sign", "missing_at"],
    ["@example.com", "missing_at"],
    ["ada@", "missing_at"],
    ["a@b@example.com", "missing_at"],
    // Dotless ı and long ſ change meaning under case mapping (ı→I, ſ→S): refused in the local part.
    ["\u0131da@example.com", "local_part"],
    ["\u017Fam@example.com", "local_part"],
    ["stra\u00DFe@example.com", "local_part"],
    ["\u0130da@example.com", "local_part"],
    ["ada\uFF20example.com", "lookalike_at"],
    ["ada\uFE6Bexample.com", "lookalike_at"],
    ["ada@example.com\r\nBcc: eve@evil.example", "control_character"],
    ["ada@example.com\n", "control_character"],
    ["ada\u0000@example.com", "control_character"],
    ["ada@example.com\u200B", "control_character"],
    ["ada@example.com,eve@evil.example", "several_addresses"],
    ["ada@example.com; eve@evil.example", "several_addresses"],
    ["Ada <ada@example.com>", "several_addresses"],
    ['"ada"@example.com', "local_part"],
    // Routing characters: some relays deliver these to evil.example.
    ["ada%evil.example@example.com", "local_part"],
    ["evil.example!ada@example.com", "local_part"],
    ['"a b"@example.com', "several_addresses"],
    [".ada@example.com", "local_part"],
    ["ada.@example.com", "local_part"],
    ["a..da@example.com", "local_part"],
    [`${"a".repeat(65)}@example.com`, "local_part"],
    ["ada@localhost", "domain"],
    ["ada@1.2.3.4", "domain"],
    ["ada@0x7f.1", "domain"],
    ["ada@example.1-2", "domain"],
    ["ada@[127.0.0.1]", "several_addresses"],
    ["ada@ex%41mple.com", "domain"],
    ["ada@-example.com", "domain"],
    ["ada@example.com.", "domain"],
    ["ada@exa_mple.com", "domain"],
    ["ada@xn--zz.com", "domain"],
    [`ada@${"a".repeat(64)}.com`, "domain"],
    [`${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.com`, "too_long"],
    ["a".repeat(321), "too_long"],
  ];
  it.each(refused)("refuses %j (%s)", (input, reason) => {
    const result = canonicalizeEmail(input);
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
  });

  it("refuses non-strings", () => {
    for (const value of [undefined, null, 42, ["a@b.com"], { email: "a@b.com" }]) {
      expect(canonicalizeEmail(value)).toMatchObject({ ok: false, reason: "missing" });
    }
  });

  it("gives one canonical form to every case variant of an address", () => {
    const variants = ["ADA@EXAMPLE.COM", "Ada@Example.Com", "ada@EXAMPLE.com", " ada@example.com "];
    expect(new Set(variants.map((v) => (canonicalizeEmail(v) as { email: string }).email))).toEqual(new Set(["ada@example.com"]));
  });
});

describe("maskEmail", () => {
  it("keeps only the first character of the local part", () => {
    expect(maskEmail("alice@example.com")).toBe("a…@example.com");
    expect(maskEmail("al@example.com")).toBe("a…@example.com");
    expect(maskEmail("a@example.com")).toBe("a…@example.com");
  });
});

describe("S29: addresses that mail programs would decode into something else", () => {
  it.each(["=?utf-8?q?ada=40example.com?=@evil.example", "=?utf-8?b?YWRhQGV4YW1wbGUuY29t?=@evil.example", "ada=?x?=@example.com", "=?@example.com"])(
    "S29: refuses the RFC 2047 encoded word in %j",
    (input) => {
      const result = canonicalizeEmail(input);
      expect(result).toMatchObject({ ok: false, reason: "encoded_word" });
      if (!result.ok) expect(result.message).toContain("=?");
    },
  );

  it("S29: still accepts = and ? apart, which are plain atext", () => {
    expect(canonicalizeEmail("a=b?c@example.com")).toEqual({ ok: true, email: "a=b?c@example.com" });
    expect(canonicalizeEmail("a?=b@example.com")).toEqual({ ok: true, email: "a?=b@example.com" });
  });
});

describe("S29: maskAddressesIn", () => {
  it("S29: masks the recipient in an SMTP reply", () => {
    expect(maskAddressesIn("550 5.1.1 <person@example.com>: Recipient address rejected")).toBe("550 5.1.1 <p…@example.com>: Recipient address rejected");
  });

  it("S29: masks every address in the text, in the forms mail services write them", () => {
    expect(
      maskAddressesIn(
        "Postmark refused the message with HTTP 406: Found inactive addresses: ada@example.com, Bo.Smith+x@mail.example.org. " +
          'RCPT TO:<eve@evil.example> failed; "john smith"@example.com and jürgen@müller.example too',
      ),
    ).toBe(
      "Postmark refused the message with HTTP 406: Found inactive addresses: a…@example.com, B…@mail.example.org. " +
        'RCPT TO:<e…@evil.example> failed; "…@example.com and j…@müller.example too',
    );
  });

  it("S29: masks a long local part from its first character and leaves text without addresses alone", () => {
    expect(maskAddressesIn(`${"x".repeat(200)}@example.com`)).toBe("x…@example.com");
    expect(maskAddressesIn("421 4.7.0 Try again later")).toBe("421 4.7.0 Try again later");
    // Idempotent: what it wrote is left as it is.
    expect(maskAddressesIn("a…@example.com")).toBe("a…@example.com");
    expect(maskAddressesIn("no-reply@localhost")).toBe("n…@localhost");
  });

  it("S29: stays fast on long text without an @", () => {
    const started = Date.now();
    expect(maskAddressesIn("a".repeat(200_000))).toBe("a".repeat(200_000));
    expect(maskAddressesIn(`${"a.".repeat(100_000)}`)).toHaveLength(200_000);
    expect(maskAddressesIn('"'.repeat(50_000))).toHaveLength(50_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
