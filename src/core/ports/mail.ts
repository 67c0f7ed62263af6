/** Sending mail: what a mail says (for the renderer), the rendered message, and the mailer. */
import type { LinkKind } from "./records.js";

/**
 * What a mail is for: a sign-up or login link, a notice of a login by code or approval, a
 * notice about the account (S24), or the link that confirms a new address.
 */
export type MailKind = LinkKind | "notice" | "account" | "email_change";

export interface MailMessage {
  to: string;
  kind: MailKind;
  subject: string;
  text: string;
  html: string;
  /** The link the message carries (for a notice: the page to start from). */
  url: string;
  /** The code to type in the browser that asked (link mails asked from a browser): for mailers that fill a provider's template. */
  code?: string | undefined;
  /** When the link stops working (link mails and a change of address), milliseconds since the epoch. */
  expiresAt?: number | undefined;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * What a mail says, for the renderer: the core decides the facts, the renderer the words and
 * the look. `locale`: the language of the page it was asked from, as the request named it
 * (a BCP 47 tag the renderer matches to one of its own, or ignores).
 */
export type MailContent = MailFacts & { locale?: string | undefined };

type MailFacts =
  | {
      kind: LinkKind;
      to: string;
      url: string;
      /** How long the link has left as the mail goes out (not its whole lifetime: a mail may go late). */
      timeLeft: number;
      /** When the link stops working. */
      expiresAt: number;
      /** The code to type in the asking browser, when the link was asked for from one. */
      code?: string | undefined;
    }
  | {
      kind: "notice";
      to: string;
      /** The page to start from. */
      url: string;
      method: "code" | "approval";
      at: number;
      device: string;
      network: string | null;
    }
  | {
      kind: "account_deleted";
      to: string;
      /** The page to start from (to sign up afresh). */
      url: string;
      at: number;
    }
  | {
      /** To the new address: the link that moves the account there. */
      kind: "email_change";
      to: string;
      url: string;
      timeLeft: number;
      expiresAt: number;
    }
  | {
      /** To the old address, once the account moved (S24). */
      kind: "email_changed";
      to: string;
      /** The page to start from. */
      url: string;
      at: number;
      /** The new address, masked (a…@example.com). */
      newEmail: string;
    };

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Turns what a mail says into its subject, text and HTML: the port the core renders mail through. */
export type RenderMail = (content: MailContent) => RenderedMail | Promise<RenderedMail>;
