/**
 * The header fields Sesame sets itself on every mail, whichever mailer sends it: the From
 * address the operator configured, checked once at start, and the fields that keep
 * auto-responders quiet. Web APIs only: the Workers and Vercel entries use it too.
 */

/**
 * RFC 3834 `Auto-Submitted` tells auto-responders (vacation replies) not to answer;
 * Exchange and Outlook ignore it and read `X-Auto-Response-Suppress` instead. An
 * out-of-office reply to a login mail would go to our From address, quoting the link.
 */
export const AUTOMATED_MAIL_HEADERS: Readonly<Record<string, string>> = {
  "Auto-Submitted": "auto-generated",
  "X-Auto-Response-Suppress": "OOF, AutoReply",
};

export interface FromAddress {
  /** The display name, without quotes; undefined for a bare address. */
  name: string | undefined;
  /** `local@domain`, as written. */
  address: string;
  /** `Name <local@domain>` (the name quoted when it needs it) or the bare address: what mail APIs receive. */
  text: string;
}

export type FromCheck = { ok: true; from: FromAddress } | { ok: false; problem: string };

/** What a From setting should look like, for error messages. */
export const FROM_EXAMPLE = '"Example <no-reply@example.com>" or "no-reply@example.com"';

const MAX_LENGTH = 320;
/** RFC 5322 atext: a dot-atom local part, no quoted strings or comments. */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
/** LDH labels; one label is allowed, so `no-reply@localhost` (the default) stays valid. */
const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/** A display name may use any printable character but these, which delimit addresses, groups, comments and quotes. */
const NAME_SPECIALS = /[()<>[\]:;@\\,"]/;
/** Names made of these go out unquoted; any other (a dot, a letter outside ASCII) is quoted. */
const PLAIN_NAME = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+$/;

/**
 * Exactly one mailbox, `Name <local@domain>`, `"Name" <local@domain>` or `local@domain`.
 * Everything a header parser could read as more is refused, not cleaned up: a line break
 * (header injection), a comma or semicolon (a second address), a colon (group syntax:
 * `Example Bcc:victim@evil.test` is a group whose member some parsers make a recipient),
 * and `=?` (an RFC 2047 encoded word, which mail programs decode into other text).
 */
export function parseFromAddress(value: unknown): FromCheck {
  if (typeof value !== "string" || value.trim() === "") return problem("it is empty");
  if (value.length > MAX_LENGTH) return problem(`it is longer than ${MAX_LENGTH} characters`);
  if (/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(value)) return problem("it contains a line break or another control character");
  if (/[,;]/.test(value)) return problem("it contains a comma or semicolon, which would start a second address");
  if (value.includes(":")) return problem("it contains a colon, which starts a group of addresses");
  if (value.includes("=?")) return problem("it contains =? (an encoded word); write the name in plain text");
  const text = value.trim();

  const named = /^(.*?)\s*<([^<>]*)>$/.exec(text);
  const typedName = named ? named[1]! : "";
  const address = named ? named[2]! : text;
  const name = parseName(typedName);
  if (name === null) return problem("its name contains one of ( ) < > [ ] @ \\ or a stray quote");
  if (!isAddress(address)) return problem("its address is not like local@example.com");
  return { ok: true, from: { name, address, text: name === undefined ? address : `${quoteName(name)} <${address}>` } };
}

/** One line for an error: `label` names the setting ("SESAME_MAIL_FROM", "createSmtpMailer: from"). */
export function fromAddressProblem(label: string, problem: string): string {
  return `${label} must be one mailbox like ${FROM_EXAMPLE}, but ${problem}`;
}

/** The display name without quotes and with single spaces; undefined when there is none, null when it is not allowed. */
function parseName(typed: string): string | undefined | null {
  const quoted = /^"(.*)"$/.exec(typed);
  const name = (quoted ? quoted[1]! : typed).replace(/ +/g, " ").trim();
  if (NAME_SPECIALS.test(name)) return null;
  return name === "" ? undefined : name;
}

function isAddress(address: string): boolean {
  const at = address.lastIndexOf("@");
  if (at <= 0 || at === address.length - 1) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  return local.length <= 64 && LOCAL_PART.test(local) && domain.length <= 253 && DOMAIN.test(domain);
}

function quoteName(name: string): string {
  // Safe to quote as is: the name contains no quote or backslash.
  return PLAIN_NAME.test(name) ? name : `"${name}"`;
}

function problem(text: string): FromCheck {
  return { ok: false, problem: text };
}
