/**
 * An address as people read it: an internationalised domain in its own script
 * (ada@bücher.example), though it is kept and sent in its ASCII form (xn--bcher-kva.example),
 * which is what mail servers and the database use. Only the domain: a local part is the
 * receiving server's business and is shown as it is.
 */
import { toUnicode } from "punycode/punycode.es6.js";

export function displayEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 0 || !email.slice(at + 1).includes("xn--")) return email;
  try {
    return `${email.slice(0, at + 1)}${toUnicode(email.slice(at + 1))}`;
  } catch {
    // A label that is not valid punycode: the ASCII form is still the truth.
    return email;
  }
}
