/**
 * Notices about the account itself, to its address (S24): its deletion. Built as the login
 * notice is, so all of Sesame's mail looks alike.
 */
import type { RenderedMail } from "../core/ports.js";
import { renderNotice } from "./login-notice.js";
import { oneLine } from "./templates.js";

export function renderAccountDeleted(input: { to: string; appName: string; accentColor?: string | undefined; at: number; url: string }): RenderedMail {
  const app = oneLine(input.appName);
  return renderNotice({
    app,
    accentColor: input.accentColor,
    heading: `Your ${app} account was deleted`,
    paragraphs: [`The ${app} account ${oneLine(input.to)} was deleted, with its sessions and pending links. Nothing about it is kept.`],
    facts: [`When: ${new Date(input.at).toUTCString().replace("GMT", "UTC")}`],
    advice:
      "If you deleted it, there is nothing to do; you can sign up again with this address at any time. " +
      "If you did not: someone was logged in to your account. Check who can read your e-mail, and tell the people who run this service.",
    url: input.url,
  });
}
