/** A message as mailers keep it. */
import type { MailMessage } from "../core/ports.js";

/** The documented fields of a message and nothing else: what mailers keep or write. */
export function copyMailMessage(message: MailMessage): MailMessage {
  const { to, kind, subject, text, html, url, code, expiresAt } = message;
  return { to, kind, subject, text, html, url, ...(code !== undefined && { code }), ...(expiresAt !== undefined && { expiresAt }) };
}
