/**
 * The two messages Sesame sends: "finish signing up" and "log in". Pure functions over
 * strings so they render the same on Node, workerd, Deno and Bun.
 *
 * Both the plain-text and the HTML body are built from one set of sentences, so the two
 * parts of a message can never say different things.
 */
import type { LinkKind, MailContent, RenderedMail } from "../core/ports.js";
import { formatDuration, formatTimeLeft } from "../i18n/format.js";
import { chooseLocale, DEFAULT_LOCALE, isRightToLeft, type Locale } from "../i18n/locales.js";
import { themeColors } from "../theme.js";
import { renderAccountDeleted, renderEmailChange, renderEmailChanged } from "./account-mail.js";
import { renderLoginNotice } from "./login-notice.js";
import { MAIL_CATALOGUE, mailWords, type MailWords } from "./words/index.js";
import type { MailText } from "./words/overrides.js";
import { overlay } from "../i18n/catalogue.js";
import { displayEmail } from "../i18n/address.js";

export interface LinkMailInput {
  kind: LinkKind;
  /** The recipient, named in the body so a forwarded or misdirected mail is recognisable. */
  to: string;
  url: string;
  /** Human text such as "10 minutes"; see describeDuration. */
  validFor: string;
  appName: string;
  /** The accent of the button (a hex colour); default Sesame's. */
  accentColor?: string | undefined;
  /** The one-time code for the page where the link was asked for, when asked from a browser. */
  code?: string | undefined;
  /** The language (default English); `validFor` must be in it too. */
  locale?: Locale | undefined;
  /** The words to use (an app's over the catalogue); default the catalogue's for `locale`. */
  words?: MailWords | undefined;
}

export type { RenderedMail };

/** Each Sesame's words (its `mailText`) over each loaded catalogue, merged once. */
const merged = new WeakMap<MailText, WeakMap<MailWords, MailWords>>();
function mergedFor(own: MailText): WeakMap<MailWords, MailWords> {
  let cache = merged.get(own);
  if (!cache) merged.set(own, (cache = new WeakMap()));
  return cache;
}

/** Every mail in this product's name and accent, in the words for its language (the app's over the catalogue's). */
export async function renderMailContent(
  content: MailContent,
  options: { appName: string; accentColor?: string | undefined; own: MailText },
): Promise<RenderedMail> {
  // The language the mail was asked for in, when it is one of ours (its words loaded on first use).
  const locale = chooseLocale(content.locale) ?? DEFAULT_LOCALE;
  await MAIL_CATALOGUE.load(locale);
  const words = overlay(mailWords(locale), options.own.get(locale), mergedFor(options.own));
  const style = { appName: options.appName, accentColor: options.accentColor, words };
  switch (content.kind) {
    case "notice":
      return renderLoginNotice({ ...style, ...content, locale });
    case "account_deleted":
      return renderAccountDeleted({ ...style, ...content, locale });
    case "email_change":
      return renderEmailChange({ ...style, ...content, locale });
    case "email_changed":
      return renderEmailChanged({ ...style, ...content, locale });
    default:
      return renderLinkMail({
        ...style,
        kind: content.kind,
        to: content.to,
        url: content.url,
        validFor: formatTimeLeft(locale, content.timeLeft),
        code: content.code,
        locale,
      });
  }
}

/**
 * A value from outside (an address, the app's name) set apart from the sentence around it,
 * so that in a right-to-left language an address keeps its own direction (Unicode's first
 * strong isolate); left to right, as it is.
 */
export function isolate(locale: Locale, value: string): string {
  return isRightToLeft(locale) ? `\u2068${value}\u2069` : value;
}

/** `lang` and `dir` for a mail's <html>. */
export function htmlLanguage(locale: Locale): string {
  return `lang="${locale}" dir="${isRightToLeft(locale) ? "rtl" : "ltr"}"`;
}

/** Escapes text for use in HTML element content and in quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * A lifetime in English, for people: the largest unit that divides it evenly ("90 seconds",
 * "8 hours", "1 day"), rounded down to whole minutes otherwise (i18n/format.ts, any language).
 */
export function describeDuration(ms: number): string {
  return formatDuration("en", ms);
}

/** What a link has left as its mail goes out, in English (i18n/format.ts, any language). */
export function describeTimeLeft(ms: number): string {
  return formatTimeLeft("en", ms);
}

/** The sentences of one message, shared by the text and HTML renderings. */
interface Copy {
  subject: string;
  heading: string;
  intro: string;
  action: string;
  validity: string;
  caution: string | null;
  ignore: string;
  /** "Or type this code…": for reading the mail on another device than the one that asked. */
  codeIntro: string | null;
  buttonFallback: string;
}

function copyFor(input: LinkMailInput, app: string, to: string): Copy {
  const words = input.words ?? mailWords(input.locale ?? DEFAULT_LOCALE);
  const codeIntro = input.code ? words.codeIntro : null;
  if (input.kind === "signup") {
    return {
      subject: words.signupSubject({ app }),
      heading: words.signupHeading({ app }),
      intro: words.signupIntro({ app, to }),
      action: words.signupAction,
      validity: words.signupValidity({ validFor: input.validFor }),
      caution: null,
      codeIntro,
      ignore: words.signupIgnore,
      buttonFallback: words.buttonFallback,
    };
  }
  return {
    subject: words.loginSubject({ app }),
    heading: words.loginHeading({ app }),
    intro: words.loginIntro({ app, to }),
    action: words.loginAction,
    validity: words.loginValidity({ validFor: input.validFor }),
    caution: words.loginCaution,
    codeIntro,
    ignore: words.loginIgnore,
    buttonFallback: words.buttonFallback,
  };
}

/**
 * Renders the mail for a sign-up or login link. `url` must be http(s): it ends up in an
 * href, and anything else (javascript:, data:) would turn a template bug into an attack.
 */
export function renderLinkMail(input: LinkMailInput): RenderedMail {
  if (!/^https?:\/\//i.test(input.url)) {
    throw new TypeError("renderLinkMail: the link must be an http(s) URL");
  }
  // App name and address are interpolated into a header and into text; a stray CR/LF or
  // other control character must not be able to start a new header or fake a line.
  const locale = input.locale ?? DEFAULT_LOCALE;
  const app = isolate(locale, oneLine(input.appName));
  const to = isolate(locale, oneLine(displayEmail(input.to)));
  const copy = copyFor(input, app, to);

  const code = input.code && /^[0-9]{4,10}$/.test(input.code) ? input.code : null;
  return { subject: copy.subject, text: renderText(copy, input.url, code), html: renderHtml(copy, input.url, code, app, input.accentColor, locale) };
}

export function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
}

function renderText(copy: Copy, url: string, code: string | null): string {
  const lines = [
    copy.heading,
    "",
    copy.intro,
    "",
    // On a line of its own so mail clients link the whole URL and nothing else.
    url,
    "",
  ];
  if (copy.codeIntro && code) lines.push(copy.codeIntro, "", `    ${code}`, "");
  lines.push(copy.validity);
  if (copy.caution) lines.push(copy.caution);
  lines.push("", copy.ignore, "");
  return lines.join("\n");
}

// Inline styles only: many mail clients drop <style> blocks and never load external CSS,
// fonts or images, and remote images would also tell the sender when the mail was opened.
// Layout by tables, which every client (Outlook's Word engine included) lays out alike.
export const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const MONO = "font-family:ui-monospace,Menlo,Consolas,'Liberation Mono',monospace";
export const TEXT_STYLE = `margin:0 0 16px 0;${FONT};font-size:16px;line-height:24px;color:#1f2937`;
export const SMALL_STYLE = `margin:0 0 12px 0;${FONT};font-size:13px;line-height:20px;color:#4b5563`;

function renderHtml(copy: Copy, url: string, code: string | null, app: string, accentColor: string | undefined, locale: Locale): string {
  const e = escapeHtml;
  const href = e(url);
  // The page theme's light-mode accent: already nudged to read on white, with its text colour.
  const { accent, accentContrast } = themeColors(accentColor).light;
  const caution = copy.caution ? `<p style="${TEXT_STYLE}">${e(copy.caution)}</p>` : "";
  const codeBlock =
    copy.codeIntro && code
      ? `<p style="${TEXT_STYLE}">${e(copy.codeIntro)}</p>
<table role="presentation" dir="ltr" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 24px 0">
<tr><td bgcolor="#f3f4f6" style="padding:12px 20px;background-color:#f3f4f6;border-radius:8px;${MONO};font-size:28px;line-height:36px;letter-spacing:6px;font-weight:600;color:#111827">${e(code)}</td></tr>
</table>`
      : "";
  return `<!DOCTYPE html>
<html ${htmlLanguage(locale)}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="supported-color-schemes" content="light">
<title>${e(copy.subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f5f7">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${e(copy.intro)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f4f5f7" dir="${isRightToLeft(locale) ? "rtl" : "ltr"}" style="background-color:#f4f5f7">
<tr><td align="center" style="padding:32px 16px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:480px">
<tr><td style="padding:0 8px 16px 8px;${FONT};font-size:17px;line-height:24px;font-weight:700;color:#111827">${e(app)}</td></tr>
<tr><td bgcolor="#ffffff" style="padding:32px;background-color:#ffffff;border:1px solid #e5e7eb;border-radius:12px">
<h1 style="margin:0 0 16px 0;${FONT};font-size:22px;line-height:28px;font-weight:700;color:#111827">${e(copy.heading)}</h1>
<p style="${TEXT_STYLE}">${e(copy.intro)}</p>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px 0">
<tr><td align="center" bgcolor="${accent}" style="border-radius:8px;background-color:${accent}">
<a href="${href}" target="_blank" rel="noopener" style="display:inline-block;padding:12px 28px;${FONT};font-size:16px;font-weight:600;line-height:20px;color:${accentContrast};text-decoration:none;border-radius:8px">${e(copy.action)}</a>
</td></tr>
</table>
<p style="${SMALL_STYLE}">${e(copy.buttonFallback)}</p>
<p dir="ltr" style="margin:0 0 24px 0;${MONO};font-size:13px;line-height:20px;color:#1f2937;word-break:break-all"><a href="${href}" target="_blank" rel="noopener" style="color:#1f2937;text-decoration:underline">${href}</a></p>
${codeBlock}
<p style="${TEXT_STYLE}">${e(copy.validity)}</p>
${caution}
</td></tr>
<tr><td style="padding:16px 8px 0 8px"><p style="${SMALL_STYLE}">${e(copy.ignore)}</p></td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
