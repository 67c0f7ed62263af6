/**
 * An app's own mail: `renderMail` is asked first for every mail, with what the mail says and
 * the app's name and language; what it returns is sent. It may leave a kind to Sesame by
 * returning undefined, and may be async (a template fetched from a service). One that throws,
 * or returns something that is not a message, is logged and Sesame's own is sent instead: a
 * person waiting for a link still gets one.
 */
import type { Logger, MailContent, RenderedMail, RenderMail } from "../core/ports.js";
import { chooseLocale, DEFAULT_LOCALE } from "../i18n/locales.js";

/** What an app's renderer is given: the mail's facts (`kind`, `to`, `url`, and per kind `code`, `expiresAt`, …), its name and language. */
export type MailToRender = MailContent & { appName: string; locale: string };

export type AppMailRenderer = (mail: MailToRender) => RenderedMail | undefined | Promise<RenderedMail | undefined>;

export function withAppRenderer(own: RenderMail, app: AppMailRenderer | undefined, appName: string, log: Logger): RenderMail {
  if (app === undefined) return own;
  return async (content) => {
    let rendered: RenderedMail | undefined;
    try {
      rendered = await app({ ...content, appName, locale: chooseLocale(content.locale) ?? DEFAULT_LOCALE });
    } catch (error) {
      log({ level: "error", event: "mail.render_failed", kind: content.kind, reason: "threw", error });
      return own(content);
    }
    if (rendered === undefined) return own(content);
    const { subject, text, html } = rendered as Partial<RenderedMail>;
    if (typeof subject !== "string" || typeof text !== "string" || typeof html !== "string" || subject.trim() === "") {
      log({ level: "error", event: "mail.render_failed", kind: content.kind, reason: "not a message: subject, text and html must be strings" });
      return own(content);
    }
    // A subject is one header line: a line break there would start another header.
    return { subject: subject.replace(/[\r\n]+/g, " "), text, html };
  };
}
