/**
 * What the pages say, in English: the catalogue every other language follows, key by key.
 * An entry with markup takes the pieces it places (an address in <strong>, a link) as
 * children, so a translation puts them where its grammar wants them.
 */
import type { Child } from "hono/jsx";

export const en = {
  // The document and the shared pieces
  languageSwitch: "Language",
  emailLabel: "E-mail address",
  honeypotLabel: "Leave this field empty",
  linkRequestHint: "We'll e-mail you a link: a sign-up link if the address is new, a login link if it has an account.",
  backToStart: "Back to the start",
  optional: "(optional)",

  // Titles
  titleHome: "Log in or sign up",
  titleSignedIn: "Logged in",
  titleSignupSent: "Sign-up link sent",
  titleLoginSent: "Login link sent",
  titleCheckInbox: "Check your inbox",
  titleRateLimited: "Too many requests",
  titleApproved: "Login approved",
  titleDenied: "Request cancelled",
  titleConfirmLogin: "Log in",
  titleSignupDetails: "Create your account",
  titleAccountExists: "Account already exists",
  titleAccount: "Your account",
  titleEmailChange: "Change the address",
  titleEmailChanged: "Address changed",
  titleAccountDeleted: "Account deleted",

  // Home
  homeHeading: "Log in or sign up",
  homeLead: ({ app }: { app: string }): string => `Use your e-mail address to continue to ${app}. No password needed.`,
  homeButton: "Continue with e-mail",

  // Logged in
  hello: ({ name }: { name: string }): string => `Hello, ${name}`,
  welcome: ({ app }: { app: string }): string => `Welcome to ${app}`,
  loggedInAs: ({ email }: { email: Child }): Child => <>You are logged in as {email}.</>,
  accountLink: "Your account: details, devices, deletion",
  logOut: "Log out",

  // After asking for a link
  sentEither: ({ email }: { email: Child }): Child => (
    <>If {email} can be used here, a link is on its way: a login link if the address has an account, a sign-up link if not.</>
  ),
  sentKnown: ({ email }: { email: Child }): Child => <>If {email} has an account here, a login link is on its way. It works once and expires soon.</>,
  sentKnownHint: "New accounts cannot be made from this page.",
  sentLogin: ({ email }: { email: Child }): Child => <>We sent a login link to {email}. It works once and expires soon.</>,
  sentLoginHint: "Open it on this device to log in.",
  sentSignup: ({ email }: { email: Child }): Child => <>We sent a sign-up link to {email}.</>,
  sentSignupNotice: "No account uses this address yet — if you meant to log in, check the address.",
  sentSignupHint: "The link creates a new account. It works once.",
  nothingArrived: ({ again }: { again: (text: string) => Child }): Child => (
    <>Nothing arrived? Check your spam folder and the address, or {again("try again")}.</>
  ),
  useDifferentAddress: "Use a different address",
  codeHeading: "Reading your mail on another device?",
  codeLabel: "Type the 6-digit code from the mail",
  codeButton: "Continue with the code",
  approveHere: ({ number }: { number: Child }): Child => <>Or open the link there and approve this device. You will be asked for this number: {number}</>,
  approveWaiting: "This page continues by itself once you approve. Never tell anyone this number.",
  approvedButton: "I approved it on the other device",

  // Too many requests
  rateLimitedHeading: "Please wait a moment",
  rateLimited: ({ wait }: { wait: string }): string =>
    `We just sent a link to this address, or many were asked for from here. To protect inboxes, no new link was sent. Try again in ${wait}.`,
  rateLimitedHint: "A link sent earlier still works until it expires.",

  // Another device
  approvedHeading: "Login approved",
  approvedText: "Go back to the device where you asked: it continues by itself within a few seconds.",
  approvedHint: "You can close this page.",
  deniedHeading: "Request cancelled",
  deniedText: "Nobody can use that link now. Nothing else changed.",
  deniedHint: "If you keep getting links you did not ask for, someone may be trying your address.",
  confirmHeading: ({ email }: { email: string }): string => `Log in as ${email}?`,
  confirmButton: "Log in on this device",
  otherDeviceHeading: "Or let another device in",
  requested: ({ ago, time, device, network }: { ago: string; time: Child; device: Child; network: Child }): Child => (
    <>
      A login was asked for {ago} ({time}) from a browser that says it is {device}, on the network {network}.
    </>
  ),
  unknownNetwork: "unknown",
  approveWarning:
    "Approve only if you asked on another device just now and see a number there. Approving logs that device in to your account. If someone asks you for this number or to approve, do not: choose “Not me”.",
  numberLabel: "The number shown on the other device",
  approveButton: "Approve the other device",
  notMeCancel: "Not me: cancel this request",
  notAskedHint: "If you did not ask to log in, close this page; nothing happens.",

  // Sign-up
  signupHeading: "Create your account",
  signupFor: ({ email }: { email: Child }): Child => <>for {email}</>,
  signupButton: "Create account",
  notMeSignup: "Not me: I did not ask to sign up",
  accountExistsHeading: ({ email }: { email: Child }): Child => <>An account already uses {email}</>,
  accountExistsText: "This sign-up link can no longer be used, because the address has an account. Log in instead.",
  sendLoginLink: "Send me a login link",
  notYourAddress: ({ again }: { again: (text: string) => Child }): Child => <>Not your address? {again("Start again")}.</>,

  // A link that cannot be used
  problemDeniedLogin: "This login request was cancelled",
  problemDeniedLoginText: "Someone answered “Not me” for it on another device, so nobody can use this link. If it was you, ask for a new one below.",
  problemDeniedSignup: "This sign-up link was cancelled",
  problemDeniedSignupText: "Nobody can use this link. If you want to sign up, ask for a new one below.",
  problemInvalidLogin: "This login link is not valid",
  problemInvalidSignup: "This sign-up link is not valid",
  problemInvalidText:
    "It may be incomplete: some mail programs cut long links in two. Copy the whole link from the e-mail into your browser, or ask for a new one below.",
  problemExpiredLogin: "This login link has expired",
  problemExpiredLoginText: "Login links last only a few minutes, to keep your account safe. Ask for a new one below.",
  problemExpiredSignup: "This sign-up link has expired",
  problemExpiredSignupText: "Sign-up links last a few hours. Ask for a new one below.",
  problemUsedLogin: "This login link was already used",
  problemUsedLoginText: "Login links work once. If you opened it before, you may already be logged in on that device; otherwise ask for a new one below.",
  problemUsedSignup: "This sign-up link was already used",
  problemUsedSignupText: "The account it was for has been created. To get in, ask for a new link below: an address with an account gets a login link.",
  checkLoggedIn: "Check whether you are logged in",
  sendNewLink: "Send a new link",

  // The account
  accountHeading: "Your account",
  detailsHeading: "Your details",
  saveDetails: "Save details",
  addressHeading: "Your address",
  addressHint:
    "A link goes to the new address; the account moves there when it is used (within an hour), every device is logged out, and this address is told.",
  newEmailLabel: "New e-mail address",
  sendToNewAddress: "Send a link to the new address",
  devicesHeading: "Where you are logged in",
  thisDevice: "(this device)",
  deviceFacts: ({ network, started, lastUsed }: { network: string; started: Child; lastUsed: string }): Child => (
    <>
      Network {network} · logged in {started} · last used {lastUsed}
    </>
  ),
  logOutDevice: "Log out this device",
  logOutDeviceLabel: ({ device, lastUsed }: { device: string; lastUsed: string }): string => `Log out this device: ${device}, last used ${lastUsed}`,
  logOutOthers: "Log out everywhere else",
  deleteHeading: "Delete your account",
  deleteText: "This removes your account, logs out every device and cancels every link sent to you. It cannot be undone.",
  deleteConfirm: "I want to delete my account",
  deleteButton: "Delete my account",
  reauthenticateEmail: "To change your address, first log in again with a new link: your last login was more than 10 minutes ago.",
  reauthenticateDelete: "To delete your account, first log in again with a new link: your last login was more than 10 minutes ago.",
  deletedHeading: "Your account was deleted",
  deletedText: ({ email }: { email: Child }): Child => (
    <>The account {email} and everything about it is gone; a notice went to that address. You can sign up again at any time.</>
  ),
  changeHeading: "Change the address?",
  changeText: ({ from, to }: { from: Child; to: Child }): Child => (
    <>
      The account {from} will use {to} from now on. The old address is told, and every device logged in to the account is logged out.
    </>
  ),
  changeButton: ({ email }: { email: string }): string => `Use ${email}`,
  changedHeading: "Your address is changed",
  changedText: ({ email }: { email: Child }): Child => (
    <>Your account uses {email} from now on. Every device was logged out: log in again with the new address.</>
  ),
  logIn: "Log in",
};

export type PageWords = typeof en;
