/**
 * The two messages Sesame sends: "finish signing up" and "log in". Pure functions over
 * strings so they render the same on Node, workerd, Deno and Bun.
 *
 * Both the plain-text and the HTML body are built from one set of sentences, so the two
 * parts of a message can never say different things.
 */
import type { LinkKind, MailContent, MailMessage, RenderedMail, RenderMail } from "../core/ports.js";
import { themeColors } from "../theme.js";
import { renderAccountDeleted, renderEmailChange, renderEmailChanged } from "./account-mail.js";
import { renderLoginNotice } from "./login-notice.js";

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
}

export type { RenderedMail };

/** The renderer the core is handed: every mail in this product's name and accent. */
export function createMailRenderer(style: { appName: string; accentColor?: string | undefined }): RenderMail {
  return (content: MailContent) => {
    switch (content.kind) {
      case "notice":
        return renderLoginNotice({ ...style, ...content });
      case "account_deleted":
        return renderAccountDeleted({ ...style, ...content });
      case "email_change":
        return renderEmailChange({ ...style, ...content });
      case "email_changed":
        return renderEmailChanged({ ...style, ...content });
      default:
        return renderLinkMail({
          ...style,
          kind: content.kind,
          to: content.to,
          url: content.url,
          validFor: describeTimeLeft(content.timeLeft),
          code: content.code,
        });
    }
  };
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

const UNITS = [
  { ms: 86_400_000, one: "day", many: "days" },
  { ms: 3_600_000, one: "hour", many: "hours" },
  { ms: 60_000, one: "minute", many: "minutes" },
  { ms: 1_000, one: "second", many: "seconds" },
] as const;

/**
 * Renders a lifetime for people: the largest unit that divides it evenly ("90 seconds",
 * "8 hours", "1 day"). Lifetimes that fit no unit are rounded *down* to whole minutes,
 * so the mail never promises more time than the link really has.
 */
export function describeDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new RangeError(`describeDuration needs a positive, finite number of milliseconds, got ${ms}`);
  }
  for (const unit of UNITS) {
    if (ms % unit.ms === 0) return plural(ms / unit.ms, unit.one, unit.many);
  }
  const minutes = Math.floor(ms / 60_000);
  if (minutes >= 1) return plural(minutes, "minute", "minutes");
  // Under a minute and not whole seconds: rounding down could reach zero, which would
  // read as "already expired", so this one case rounds down to at least a second.
  return plural(Math.max(1, Math.floor(ms / 1_000)), "second", "seconds");
}

/**
 * The time a link has left when its mail goes out, for people: a mail sent late (the
 * mail service was down) says what is really left, not the link's whole lifetime.
 * Whole minutes, rounded down after a few seconds' grace, so that a mail sent at once
 * says "10 minutes" rather than "9 minutes" for a link with 9:59.9 left; under a
 * minute, seconds.
 */
export function describeTimeLeft(ms: number): string {
  const minutes = Math.floor((ms + 5_000) / 60_000);
  if (minutes > 60 && minutes % 60 !== 0) return `${plural(Math.floor(minutes / 60), "hour", "hours")} and ${plural(minutes % 60, "minute", "minutes")}`;
  if (minutes >= 1) return describeDuration(minutes * 60_000);
  return plural(Math.max(1, Math.floor(ms / 1_000)), "second", "seconds");
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
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
}

function copyFor(input: LinkMailInput, app: string, to: string): Copy {
  if (input.kind === "signup") {
    return {
      subject: `Finish signing up for ${app}`,
      heading: `Finish signing up for ${app}`,
      intro: `Someone asked to create a ${app} account for ${to}. To finish signing up, open the link below.`,
      action: "Finish signing up",
      validity: `This link is valid for ${input.validFor}.`,
      caution: null,
      codeIntro: input.code ? `Or type this code on the page where you asked, in the same browser:` : null,
      ignore: "If you did not ask for this, you can safely ignore this email: no account is created. " + "Never share this link or the code with anyone.",
    };
  }
  return {
    subject: `Your login link for ${app}`,
    heading: `Log in to ${app}`,
    intro: `Someone asked to log in to ${app} as ${to}. To log in, open the link below.`,
    action: "Log in",
    validity: `This link is valid for ${input.validFor} and can be used only once.`,
    // The link and the code are the credential; saying so discourages handing them on "for help".
    // An attacker can ask for this mail too: the one thing that must never happen is the owner
    // approving or passing on what the attacker asked for.
    caution:
      "Never share this link or the code, and never approve a login you did not ask for yourself: " +
      "anyone who has them, or whom you approve, is logged in as you.",
    codeIntro: input.code ? `Or type this code on the page where you asked, in the same browser:` : null,
    ignore: "If you did not ask for this, ignore this email and do not approve any request: nothing happens without you.",
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
  const app = oneLine(input.appName);
  const to = oneLine(input.to);
  const copy = copyFor(input, app, to);

  const code = input.code && /^[0-9]{4,10}$/.test(input.code) ? input.code : null;
  return { subject: copy.subject, text: renderText(copy, input.url, code), html: renderHtml(copy, input.url, code, app, input.accentColor) };
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

function renderHtml(copy: Copy, url: string, code: string | null, app: string, accentColor: string | undefined): string {
  const e = escapeHtml;
  const href = e(url);
  // The page theme's light-mode accent: already nudged to read on white, with its text colour.
  const { accent, accentContrast } = themeColors(accentColor).light;
  const caution = copy.caution ? `<p style="${TEXT_STYLE}">${e(copy.caution)}</p>` : "";
  const codeBlock =
    copy.codeIntro && code
      ? `<p style="${TEXT_STYLE}">${e(copy.codeIntro)}</p>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 24px 0">
<tr><td bgcolor="#f3f4f6" style="padding:12px 20px;background-color:#f3f4f6;border-radius:8px;${MONO};font-size:28px;line-height:36px;letter-spacing:6px;font-weight:600;color:#111827">${e(code)}</td></tr>
</table>`
      : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="supported-color-schemes" content="light">
<title>${e(copy.subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f5f7">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${e(copy.intro)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f4f5f7" style="background-color:#f4f5f7">
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
<p style="${SMALL_STYLE}">If the button does not work, copy this link into your browser:</p>
<p style="margin:0 0 24px 0;${MONO};font-size:13px;line-height:20px;color:#1f2937;word-break:break-all"><a href="${href}" target="_blank" rel="noopener" style="color:#1f2937;text-decoration:underline">${href}</a></p>
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

/** The documented fields of a message and nothing else: what mailers keep or write. */
export function copyMailMessage(message: MailMessage): MailMessage {
  const { to, kind, subject, text, html, url, code, expiresAt } = message;
  return { to, kind, subject, text, html, url, ...(code !== undefined && { code }), ...(expiresAt !== undefined && { expiresAt }) };
}
