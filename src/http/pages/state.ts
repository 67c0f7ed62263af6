/**
 * Every page Sesame shows is a pure function of one of these states.
 */
import type { Account, LinkKind, MailMessage, TokenFailure } from "../../core/ports.js";
import type { SentKind } from "../cookies.js";
import type { Locale } from "../../i18n/locales.js";
import type { PageWords } from "./words/index.js";
import type { ResolvedSignupField } from "../../options.js";

export type PageState =
  /** The one form: an e-mail address (and a hidden honeypot field named `website`). */
  | { page: "home"; email?: string; error?: string; next?: string | undefined }
  /** The home page for someone already logged in: who they are, and a logout button. */
  | { page: "signed-in"; account: Account }
  /**
   * After POST /magic: which kind of link went to which address ("either" under uniform
   * answers). With `withCode`, this browser can type the mailed code here, and waits for
   * an approval from another device.
   */
  | {
      page: "link-sent";
      kind: SentKind;
      email: string;
      withCode?: boolean;
      /** The number an approval from another device must type: shown only here, in the browser that asked (S26). */
      approvalNumber?: string | undefined;
      codeError?: string;
      notice?: string;
    }
  /** An approval given on this (other) device. */
  | { page: "approved" }
  /** "Not me" answered on this device. */
  | { page: "denied" }
  /** POST /magic refused by a rate limit. */
  | { page: "rate-limited"; retryAfterSeconds: number }
  /**
   * GET /login?token=…: names the account in full (the link's holder has the mail anyway,
   * and a look-alike account must be told apart), and a button that POSTs the token.
   */
  | {
      page: "confirm-login";
      token: string;
      email: string;
      next?: string | undefined;
      /** Set when the link was asked for from a browser: who asked, when, and from which network. */
      requester?: Requester | undefined;
      /** What was wrong with the number typed to approve. */
      numberError?: string | undefined;
    }
  /** GET /signup?token=…: the account details form; POSTs the token with the fields. */
  | {
      page: "signup-details";
      /** Null when this browser entered the mailed code: its pending cookie stands in for the token. */
      token: string | null;
      email: string;
      fields: readonly ResolvedSignupField[];
      values: Record<string, string>;
      errors: Record<string, string>;
      next?: string | undefined;
    }
  /** A link that cannot be used, with a form to ask for a new one. */
  | { page: "link-problem"; kind: LinkKind; reason: TokenFailure; next?: string | undefined }
  /** A sign-up link for an address that has an account by now: offer a login link instead. */
  | { page: "account-exists"; email: string; next?: string | undefined }
  /**
   * The account page: the details (editable, checked as at sign-up), the devices logged in,
   * and deleting the account (asking to log in again first when the login is not recent).
   */
  | {
      page: "account";
      account: Account;
      fields: readonly ResolvedSignupField[];
      values: Record<string, string>;
      errors: Record<string, string>;
      devices: readonly DeviceView[];
      /** What the last change did: "Your details were saved." */
      notice?: string | undefined;
      /** Deleting or changing the address needs a recent login: the page offers a login link first. */
      reauthenticate?: "delete" | "email" | undefined;
      /** The new address typed, and what is wrong with it. */
      newEmail?: { value: string; error: string } | undefined;
    }
  /** GET /account/email?token=…: what the link would do (the current address masked); a button POSTs it. */
  | { page: "email-change"; token: string; newEmail: string; currentEmail: string }
  /** The account moved to its new address. */
  | { page: "email-changed"; email: string }
  /** After the account was deleted. */
  | { page: "account-deleted"; email: string }
  | { page: "error"; title: string; message: string }
  | { page: "dev-mailbox"; messages: readonly (MailMessage & { id: number; sentAt: number })[] };

/** A device logged in to the account, as the account page lists it. */
export interface DeviceView {
  id: string;
  current: boolean;
  /** "Firefox on macOS". */
  device: string;
  /** "203.0.113.x", or null when unknown. */
  network: string | null;
  started: { iso: string; text: string };
  /** "3 minutes ago". */
  lastUsed: string;
}

/** The browser that asked for a link, as the approval page describes it. */
export interface Requester {
  /** As the browser describes itself: "Firefox on macOS". */
  device: string;
  /** "3 minutes ago". */
  ago: string;
  /** When, for a `<time>` element (ISO 8601) and for people (UTC). */
  at: { iso: string; text: string };
  /** "203.0.113.x", or null when unknown. */
  network: string | null;
}

export interface PageContext {
  appName: string;
  /** The language the page is shown in, and its words. */
  locale: Locale;
  words: PageWords;
  /** This page's address up to its language (`/signup?token=…&lang=`), for the language switch; default the start page. */
  path?: string | undefined;
  /** Shown beside the name above every page: an https URL or a path on this site (the options check it). */
  logoUrl?: string | undefined;
  /** The app's own stylesheet, after Sesame's (checked as the logo is). */
  stylesheetUrl?: string | undefined;
  /** The path every route lives under, ending in `/` (e.g. `/` or `/auth/`). */
  basePath: string;
  /** When set, forms that ask for a link carry the provider's widget. */
  captcha?: { provider: "turnstile" | "hcaptcha"; siteKey: string } | undefined;
}
