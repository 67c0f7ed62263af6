/**
 * "New login": the mail sent after a login by code or by approval from another device
 * (S26). Built from the same pieces as the link mails, so it looks like them.
 */
import { sayDevice } from "../i18n/device.js";
import type { RenderedMail } from "../core/ports.js";
import { formatMoment } from "../i18n/format.js";
import { DEFAULT_LOCALE, isRightToLeft, type Locale } from "../i18n/locales.js";
import { themeColors } from "../theme.js";
import { escapeHtml, FONT, htmlLanguage, isolate, oneLine, SMALL_STYLE, TEXT_STYLE } from "./templates.js";
import { mailWords, type MailWords } from "./words/index.js";
import { displayEmail } from "../i18n/address.js";

export interface LoginNoticeInput {
  to: string;
  appName: string;
  accentColor?: string | undefined;
  /** How the login happened: the mailed code typed in the asking browser, or an approval from another device. */
  method: "code" | "approval";
  /** When, in milliseconds since the epoch. */
  at: number;
  /** The browser as it describes itself, e.g. "Firefox on macOS". */
  device: string;
  /** Its network with the last part hidden, e.g. "203.0.113.x"; null when unknown. */
  network: string | null;
  /** Where to go from here (the start page). */
  url: string;
  locale?: Locale | undefined;
  words?: MailWords | undefined;
}

/**
 * "New login": sent after a login by code or by approval, the two ways in that do not need
 * the link itself, so the owner hears of a login they were tricked into (S26).
 */
export function renderLoginNotice(input: LoginNoticeInput): RenderedMail {
  const locale = input.locale ?? DEFAULT_LOCALE;
  const words = input.words ?? mailWords(locale);
  const app = isolate(locale, oneLine(input.appName));
  const to = isolate(locale, oneLine(displayEmail(input.to)));
  const facts = [
    words.factWhen({ when: formatMoment(locale, input.at) }),
    words.factBrowser({ device: isolate(locale, oneLine(sayDevice(input.device, words))) }),
    words.factNetwork({ network: input.network ? isolate(locale, oneLine(input.network)) : words.networkUnknown }),
  ];
  const intro = input.method === "code" ? words.noticeIntroByCode({ app, to }) : words.noticeIntroByApproval({ app, to });
  return renderNotice({
    app,
    accentColor: input.accentColor,
    heading: words.noticeHeading({ app }),
    paragraphs: [intro],
    facts,
    advice: words.noticeAdvice,
    url: input.url,
    locale,
  });
}

/** A notice's text and HTML from its sentences: a heading, what happened, the facts, what to do, and the start page. */
export function renderNotice(input: {
  app: string;
  accentColor?: string | undefined;
  heading: string;
  paragraphs: string[];
  facts: string[];
  advice: string;
  url: string;
  locale: Locale;
}): RenderedMail {
  const { app, heading, paragraphs, facts, advice, locale } = input;
  const text = [heading, "", ...paragraphs.flatMap((p) => [p, ""]), ...facts, ...(facts.length ? [""] : []), advice, "", input.url, ""].join("\n");
  const e = escapeHtml;
  const { accent } = themeColors(input.accentColor).light;
  const html = `<!DOCTYPE html>
<html ${htmlLanguage(locale)}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${e(heading)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f5f7">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f4f5f7" dir="${isRightToLeft(locale) ? "rtl" : "ltr"}" style="background-color:#f4f5f7">
<tr><td align="center" style="padding:32px 16px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:480px">
<tr><td style="padding:0 8px 16px 8px;${FONT};font-size:17px;line-height:24px;font-weight:700;color:#111827">${e(app)}</td></tr>
<tr><td bgcolor="#ffffff" style="padding:32px;background-color:#ffffff;border:1px solid #e5e7eb;border-radius:12px">
<h1 style="margin:0 0 16px 0;${FONT};font-size:22px;line-height:28px;font-weight:700;color:#111827">${e(heading)}</h1>
${paragraphs.map((p) => `<p style="${TEXT_STYLE}">${e(p)}</p>`).join("\n")}
${facts.map((fact) => `<p style="${SMALL_STYLE}">${e(fact)}</p>`).join("\n")}
<p style="${TEXT_STYLE}">${e(advice)}</p>
<p dir="ltr" style="${SMALL_STYLE}"><a href="${e(input.url)}" style="color:${accent}">${e(input.url)}</a></p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
  return { subject: heading, text, html };
}
