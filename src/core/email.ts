/**
 * E-mail addresses: one canonical form per mailbox, so that one mailbox can never
 * hold two accounts and no spelling trick reaches someone else's account.
 *
 * The local part must be plain ASCII after NFC. Unicode local parts (SMTPUTF8) are
 * rare in practice and are where case-folding tricks live: `ı` and `ſ` change meaning
 * under upper/lower casing, so they are refused rather than folded. (The Kelvin sign
 * is canonically equivalent to `K`, so NFC makes it ASCII before the check; the mail
 * then goes to that canonical address.) `%` and `!` are refused too: some mail relays
 * still route `a%b@c` and `a!b@c` to another host. So is `=?`, the start of an RFC 2047
 * encoded word, which mail programs and parsers may decode into other text (another
 * address, a line break) after we have checked it.
 * The domain may be internationalised; it is mapped by the WHATWG URL parser (UTS #46,
 * as browsers do) and kept in its ASCII (punycode) form.
 */

export type EmailRefusal =
  "missing" | "too_long" | "control_character" | "several_addresses" | "lookalike_at" | "encoded_word" | "missing_at" | "local_part" | "domain";

export type EmailCheck = { ok: true; email: string } | { ok: false; reason: EmailRefusal; message: string };

const MESSAGES: Record<EmailRefusal, string> = {
  missing: "Enter your e-mail address.",
  too_long: "That e-mail address is too long.",
  control_character: "An e-mail address cannot contain line breaks or control characters.",
  several_addresses: "Enter a single e-mail address, without spaces, commas or a name.",
  lookalike_at: "Use a plain @ sign in your e-mail address.",
  encoded_word: "An e-mail address cannot contain =? (mail programs may decode what follows into something else).",
  missing_at: "An e-mail address needs exactly one @, as in name@example.com.",
  local_part: "The part before @ may only use the letters a to z, digits and . _ + - (and # $ & ' * / = ? ^ ` { | } ~).",
  domain: "The part after @ is not a valid domain name, as in example.com.",
};

/** RFC 5321 caps a path at 256 octets including the angle brackets. */
const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
const MAX_INPUT = 320;

/** RFC 5322 dot-atom over ASCII atext, less the routing characters % and !: no quoted strings, no comments. */
const LOCAL_PART = /^[a-z0-9#$&'*+/=?^_`{|}~-]+(?:\.[a-z0-9#$&'*+/=?^_`{|}~-]+)*$/i;
/** What a typed domain may contain before IDNA mapping: letters, marks and digits of any script, dots, hyphens. */
const TYPED_DOMAIN = /^[\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)+$/u;
const ASCII_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Characters that look like @ but are not (full-width, small, and friends). */
const LOOKALIKE_AT = /[\uFF20\uFE6B\u24D0\u0250]/u;

export function canonicalizeEmail(input: unknown): EmailCheck {
  if (typeof input !== "string") return refuse("missing");
  if (input.length > MAX_INPUT) return refuse("too_long");
  // Checked before trimming: a line break anywhere is a header-injection attempt, not a typo.
  if (/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(input.replace(/^[ \t]+|[ \t]+$/g, ""))) return refuse("control_character");
  const value = input.trim().normalize("NFC");
  if (value === "") return refuse("missing");
  if (LOOKALIKE_AT.test(value)) return refuse("lookalike_at");
  if (value.includes("=?")) return refuse("encoded_word");
  if (/[\s,;<>()[\]]/u.test(value)) return refuse("several_addresses");

  const at = value.lastIndexOf("@");
  if (at <= 0 || at !== value.indexOf("@") || at === value.length - 1) return refuse("missing_at");
  const local = value.slice(0, at);
  const typedDomain = value.slice(at + 1);

  if (local.length > MAX_LOCAL || !LOCAL_PART.test(local)) return refuse("local_part");
  const domain = toAsciiDomain(typedDomain);
  if (domain === null) return refuse("domain");

  const email = `${local.toLowerCase()}@${domain}`;
  if (email.length > MAX_ADDRESS) return refuse("too_long");
  return { ok: true, email };
}

/** Masks an address for pages and logs: `alice@example.com` → `a…@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return `${email.slice(0, 1)}…@${email.slice(at + 1)}`;
}

/**
 * The lookbehind makes a match start only where a run of address characters starts, so
 * the scan stays linear in the text's length, and a long local part is masked from its
 * first character rather than from wherever a shorter match could begin.
 */
const ADDRESS_IN_TEXT =
  /(?<![\p{L}\p{N}\p{M}!#$%&'*+/=?^_`{|}~.-])(?:"[^"\r\n]*"|[\p{L}\p{N}\p{M}!#$%&'*+/=?^_`{|}~.-]+)@(?:\[[^\]\s]*\]|[\p{L}\p{N}\p{M}-]+(?:\.[\p{L}\p{N}\p{M}-]+)*)/gu;

/**
 * Free text (an SMTP reply such as `550 5.1.1 <person@example.com>: Recipient address
 * rejected`, a provider's error) with every e-mail address in it masked as maskEmail
 * does, for logs. Finds addresses loosely, dot-atom or quoted local part, any script:
 * hiding a little too much costs nothing, leaving an address whole would.
 */
export function maskAddressesIn(text: string): string {
  return text.replace(ADDRESS_IN_TEXT, (address) => maskEmail(address));
}

function toAsciiDomain(typed: string): string | null {
  if (!TYPED_DOMAIN.test(typed)) return null;
  let hostname: string;
  try {
    hostname = new URL(`http://${typed}/`).hostname;
  } catch {
    return null;
  }
  if (hostname.length > 253) return null;
  const labels = hostname.split(".");
  if (labels.length < 2 || !labels.every((label) => ASCII_LABEL.test(label))) return null;
  // Top-level domains contain a letter (RFC 1123 §2.1); a numeric one means the parser read an IPv4 address.
  if (!/[a-z]/.test(labels[labels.length - 1]!)) return null;
  return hostname;
}

function refuse(reason: EmailRefusal): EmailCheck {
  return { ok: false, reason, message: MESSAGES[reason] };
}
