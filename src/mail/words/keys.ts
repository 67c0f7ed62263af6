/**
 * Each key of the mail's words and the facts it is given (null: a plain string): what an
 * app's `mailText` is checked against at start-up, without loading the mail's words (they
 * load with the templates, on the first mail). The catalogue test checks this list against
 * the English catalogue, key by key and fact by fact.
 */
export const MAIL_WORD_KEYS: Record<string, readonly string[] | null> = {
  signupSubject: ["app"],
  signupHeading: ["app"],
  signupIntro: ["app", "to"],
  signupAction: null,
  signupValidity: ["validFor"],
  signupIgnore: null,
  loginSubject: ["app"],
  loginHeading: ["app"],
  loginIntro: ["app", "to"],
  loginAction: null,
  loginValidity: ["validFor"],
  loginCaution: null,
  loginIgnore: null,
  codeIntro: null,
  buttonFallback: null,
  noticeHeading: ["app"],
  noticeIntroByCode: ["app", "to"],
  noticeIntroByApproval: ["app", "to"],
  factWhen: ["when"],
  factBrowser: ["device"],
  deviceOn: ["browser", "system"],
  someBrowser: null,
  unknownBrowser: null,
  factNetwork: ["network"],
  networkUnknown: null,
  noticeAdvice: null,
  deletedHeading: ["app"],
  deletedIntro: ["app", "to"],
  deletedAdvice: null,
  changeHeading: ["app"],
  changeIntro: ["app", "to"],
  changeConfirm: ["timeLeft"],
  changeAdvice: null,
  changedHeading: ["app"],
  changedIntro: ["app", "to", "newEmail"],
  changedAdvice: null,
};
