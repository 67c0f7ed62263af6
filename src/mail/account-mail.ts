/**
 * Mail about the account itself: the link that confirms a new address, and the notices to
 * the address the account had (S24) when it was deleted or moved. Built as the login
 * notice is, so all of Sesame's mail looks alike.
 */
import type { RenderedMail } from "../core/ports.js";
import { formatMoment, formatTimeLeft } from "../i18n/format.js";
import type { Locale } from "../i18n/locales.js";
import { renderNotice } from "./login-notice.js";
import { isolate, oneLine } from "./templates.js";
import { mailWords, type MailWords } from "./words/index.js";
import { displayEmail } from "../i18n/address.js";

interface Style {
  appName: string;
  accentColor?: string | undefined;
  locale: Locale;
  words?: MailWords | undefined;
}

/** The values a notice names, each set apart from the sentence in a right-to-left language. */
function named(input: Style & { to: string }) {
  return {
    app: isolate(input.locale, oneLine(input.appName)),
    to: isolate(input.locale, oneLine(displayEmail(input.to))),
    words: input.words ?? mailWords(input.locale),
  };
}

export function renderAccountDeleted(input: Style & { to: string; at: number; url: string }): RenderedMail {
  const { app, to, words } = named(input);
  return renderNotice({
    app,
    accentColor: input.accentColor,
    heading: words.deletedHeading({ app }),
    paragraphs: [words.deletedIntro({ app, to })],
    facts: [words.factWhen({ when: formatMoment(input.locale, input.at) })],
    advice: words.deletedAdvice,
    url: input.url,
    locale: input.locale,
  });
}

/** To the new address: the link that moves the account there. */
export function renderEmailChange(input: Style & { to: string; url: string; timeLeft: number }): RenderedMail {
  const { app, to, words } = named(input);
  return renderNotice({
    app,
    accentColor: input.accentColor,
    heading: words.changeHeading({ app }),
    paragraphs: [words.changeIntro({ app, to }), words.changeConfirm({ timeLeft: formatTimeLeft(input.locale, input.timeLeft) })],
    facts: [],
    advice: words.changeAdvice,
    url: input.url,
    locale: input.locale,
  });
}

/** To the old address, once the account moved: when, and where to (masked). */
export function renderEmailChanged(input: Style & { to: string; at: number; newEmail: string; url: string }): RenderedMail {
  const { app, to, words } = named(input);
  const newEmail = isolate(input.locale, oneLine(displayEmail(input.newEmail)));
  return renderNotice({
    app,
    accentColor: input.accentColor,
    heading: words.changedHeading({ app }),
    paragraphs: [words.changedIntro({ app, to, newEmail })],
    facts: [words.factWhen({ when: formatMoment(input.locale, input.at) })],
    advice: words.changedAdvice,
    url: input.url,
    locale: input.locale,
  });
}
