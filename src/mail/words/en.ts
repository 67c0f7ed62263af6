import type { MailWords } from "./words.js";

export const en: MailWords = {
  signupSubject: ({ app }) => `Finish signing up for ${app}`,
  signupHeading: ({ app }) => `Finish signing up for ${app}`,
  signupIntro: ({ app, to }) => `Someone asked to create a ${app} account for ${to}. To finish signing up, open the link below.`,
  signupAction: "Finish signing up",
  signupValidity: ({ validFor }) => `This link is valid for ${validFor}.`,
  signupIgnore: "If you did not ask for this, you can safely ignore this email: no account is created. Never share this link or the code with anyone.",

  loginSubject: ({ app }) => `Your login link for ${app}`,
  loginHeading: ({ app }) => `Log in to ${app}`,
  loginIntro: ({ app, to }) => `Someone asked to log in to ${app} as ${to}. To log in, open the link below.`,
  loginAction: "Log in",
  loginValidity: ({ validFor }) => `This link is valid for ${validFor} and can be used only once.`,
  // The link and the code are the credential; saying so discourages handing them on "for help".
  // An attacker can ask for this mail too: the one thing that must never happen is the owner
  // approving or passing on what the attacker asked for.
  loginCaution:
    "Never share this link or the code, and never approve a login you did not ask for yourself: anyone who has them, or whom you approve, is logged in as you.",
  loginIgnore: "If you did not ask for this, ignore this email and do not approve any request: nothing happens without you.",

  codeIntro: "Or type this code on the page where you asked, in the same browser:",
  buttonFallback: "If the button does not work, copy this link into your browser:",

  noticeHeading: ({ app }) => `New login to ${app}`,
  noticeIntroByCode: ({ app, to }) => `Your ${app} account ${to} was just logged in to with the code from a login e-mail.`,
  noticeIntroByApproval: ({ app, to }) => `Your ${app} account ${to} was just logged in to by an approval from another device.`,
  factWhen: ({ when }) => `When: ${when}`,
  factBrowser: ({ device }) => `Browser: ${device} (as it describes itself)`,
  deviceOn: ({ browser, system }) => `${browser} on ${system}`,
  someBrowser: "a browser",
  unknownBrowser: "an unknown browser",
  factNetwork: ({ network }) => `Network: ${network}`,
  networkUnknown: "unknown",
  noticeAdvice:
    "If this was you, there is nothing to do. If it was not: someone has your code or you approved their request. " +
    "Never share a code and never approve a login you did not ask for yourself; check who can read your e-mail, and tell the people who run this service.",

  deletedHeading: ({ app }) => `Your ${app} account was deleted`,
  deletedIntro: ({ app, to }) => `The ${app} account ${to} was deleted, with its sessions and pending links. Nothing about it is kept.`,
  deletedAdvice:
    "If you deleted it, there is nothing to do; you can sign up again with this address at any time. " +
    "If you did not: someone was logged in to your account. Check who can read your e-mail, and tell the people who run this service.",

  changeHeading: ({ app }) => `Confirm your new address for ${app}`,
  changeIntro: ({ app, to }) => `Someone logged in to a ${app} account asked to use ${to} as its address from now on.`,
  changeConfirm: ({ timeLeft }) => `To confirm, open the link below within ${timeLeft}; it works once.`,
  changeAdvice: "If you did not ask for this, ignore this mail: nothing changes unless the link is used.",

  changedHeading: ({ app }) => `The address of your ${app} account was changed`,
  changedIntro: ({ app, to, newEmail }) => `The ${app} account that used ${to} now uses ${newEmail}. Login links go there from now on.`,
  changedAdvice:
    "If you changed it, there is nothing to do. If you did not: someone was logged in to your account and moved it. Tell the people who run this service at once.",
};
