/**
 * What Sesame's mails say, per language. Each entry is a function of the few facts it
 * names, so a translation can put them where its grammar wants them. The security advice
 * is the same advice in every language: what never to share, what never to approve.
 */
export interface MailWords {
  signupSubject(p: { app: string }): string;
  signupHeading(p: { app: string }): string;
  signupIntro(p: { app: string; to: string }): string;
  signupAction: string;
  signupValidity(p: { validFor: string }): string;
  signupIgnore: string;

  loginSubject(p: { app: string }): string;
  loginHeading(p: { app: string }): string;
  loginIntro(p: { app: string; to: string }): string;
  loginAction: string;
  loginValidity(p: { validFor: string }): string;
  loginCaution: string;
  loginIgnore: string;

  /** Before the code: for reading the mail on another device than the one that asked. */
  codeIntro: string;
  buttonFallback: string;

  noticeHeading(p: { app: string }): string;
  noticeIntroByCode(p: { app: string; to: string }): string;
  noticeIntroByApproval(p: { app: string; to: string }): string;
  factWhen(p: { when: string }): string;
  factBrowser(p: { device: string }): string;
  /** A browser as the core describes it, said in the language (i18n/device.ts). */
  deviceOn(p: { browser: string; system: string }): string;
  someBrowser: string;
  unknownBrowser: string;
  factNetwork(p: { network: string }): string;
  networkUnknown: string;
  noticeAdvice: string;

  deletedHeading(p: { app: string }): string;
  deletedIntro(p: { app: string; to: string }): string;
  deletedAdvice: string;

  changeHeading(p: { app: string }): string;
  changeIntro(p: { app: string; to: string }): string;
  changeConfirm(p: { timeLeft: string }): string;
  changeAdvice: string;

  changedHeading(p: { app: string }): string;
  changedIntro(p: { app: string; to: string; newEmail: string }): string;
  changedAdvice: string;
}
