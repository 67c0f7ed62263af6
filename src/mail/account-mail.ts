/**
 * Mail about the account itself: the link that confirms a new address, and the notices to
 * the address the account had (S24) when it was deleted or moved. Built as the login
 * notice is, so all of Sesame's mail looks alike.
 */
import type { RenderedMail } from "../core/ports.js";
import { renderNotice } from "./login-notice.js";
import { describeTimeLeft, oneLine } from "./templates.js";

interface Style {
  appName: string;
  accentColor?: string | undefined;
}

const when = (at: number) => `When: ${new Date(at).toUTCString().replace("GMT", "UTC")}`;

export function renderAccountDeleted(input: Style & { to: string; at: number; url: string }): RenderedMail {
  const app = oneLine(input.appName);
  return renderNotice({
    app,
    accentColor: input.accentColor,
    heading: `Your ${app} account was deleted`,
    paragraphs: [`The ${app} account ${oneLine(input.to)} was deleted, with its sessions and pending links. Nothing about it is kept.`],
    facts: [when(input.at)],
    advice:
      "If you deleted it, there is nothing to do; you can sign up again with this address at any time. " +
      "If you did not: someone was logged in to your account. Check who can read your e-mail, and tell the people who run this service.",
    url: input.url,
  });
}

/** To the new address: the link that moves the account there. */
export function renderEmailChange(input: Style & { to: string; url: string; timeLeft: number }): RenderedMail {
  const app = oneLine(input.appName);
  return renderNotice({
    app,
    accentColor: input.accentColor,
    heading: `Confirm your new address for ${app}`,
    paragraphs: [
      `Someone logged in to a ${app} account asked to use ${oneLine(input.to)} as its address from now on.`,
      `To confirm, open the link below within ${describeTimeLeft(input.timeLeft)}; it works once.`,
    ],
    facts: [],
    advice: "If you did not ask for this, ignore this mail: nothing changes unless the link is used.",
    url: input.url,
  });
}

/** To the old address, once the account moved: when, and where to (masked). */
export function renderEmailChanged(input: Style & { to: string; at: number; newEmail: string; url: string }): RenderedMail {
  const app = oneLine(input.appName);
  return renderNotice({
    app,
    accentColor: input.accentColor,
    heading: `The address of your ${app} account was changed`,
    paragraphs: [`The ${app} account that used ${oneLine(input.to)} now uses ${oneLine(input.newEmail)}. Login links go there from now on.`],
    facts: [when(input.at)],
    advice:
      "If you changed it, there is nothing to do. If you did not: someone was logged in to your account and moved it. " +
      "Tell the people who run this service at once.",
    url: input.url,
  });
}
