import type { MailWords } from "./words.js";

export const de: Partial<MailWords> = {
  signupSubject: ({ app }) => `Registrierung bei ${app} abschließen`,
  signupHeading: ({ app }) => `Registrierung bei ${app} abschließen`,
  signupIntro: ({ app, to }) => `Jemand möchte ein ${app}-Konto für ${to} anlegen. Um die Registrierung abzuschließen, öffnen Sie den Link unten.`,
  signupAction: "Registrierung abschließen",
  signupValidity: ({ validFor }) => `Dieser Link ist ${validFor} lang gültig.`,
  signupIgnore:
    "Wenn Sie das nicht angefordert haben, können Sie diese E-Mail einfach ignorieren: Es wird kein Konto angelegt. Geben Sie diesen Link und den Code niemals an andere weiter.",

  loginSubject: ({ app }) => `Ihr Anmeldelink für ${app}`,
  loginHeading: ({ app }) => `Bei ${app} anmelden`,
  loginIntro: ({ app, to }) => `Jemand möchte sich als ${to} bei ${app} anmelden. Um sich anzumelden, öffnen Sie den Link unten.`,
  loginAction: "Anmelden",
  loginValidity: ({ validFor }) => `Dieser Link ist ${validFor} lang gültig und kann nur einmal verwendet werden.`,
  loginCaution:
    "Geben Sie diesen Link und den Code niemals weiter, und bestätigen Sie nie eine Anmeldung, die Sie nicht selbst angefordert haben: Wer sie hat oder wen Sie bestätigen, ist als Sie angemeldet.",
  loginIgnore: "Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail und bestätigen Sie keine Anfrage: Ohne Sie passiert nichts.",

  codeIntro: "Oder geben Sie diesen Code auf der Seite ein, auf der Sie den Link angefordert haben, im selben Browser:",
  buttonFallback: "Falls die Schaltfläche nicht funktioniert, kopieren Sie diesen Link in Ihren Browser:",

  noticeHeading: ({ app }) => `Neue Anmeldung bei ${app}`,
  noticeIntroByCode: ({ app, to }) => `Bei Ihrem ${app}-Konto ${to} hat sich gerade jemand mit dem Code aus einer Anmelde-E-Mail angemeldet.`,
  noticeIntroByApproval: ({ app, to }) => `Bei Ihrem ${app}-Konto ${to} hat sich gerade jemand angemeldet, bestätigt von einem anderen Gerät.`,
  factWhen: ({ when }) => `Wann: ${when}`,
  factBrowser: ({ device }) => `Browser: ${device} (nach eigener Angabe)`,
  deviceOn: ({ browser, system }) => `${browser} unter ${system}`,
  someBrowser: "ein Browser",
  unknownBrowser: "ein unbekannter Browser",
  factNetwork: ({ network }) => `Netzwerk: ${network}`,
  networkUnknown: "unbekannt",
  noticeAdvice:
    "Wenn Sie das waren, ist nichts zu tun. Wenn nicht: Jemand hat Ihren Code, oder Sie haben seine Anfrage bestätigt. " +
    "Geben Sie niemals einen Code weiter und bestätigen Sie nie eine Anmeldung, die Sie nicht selbst angefordert haben; prüfen Sie, wer Ihre E-Mails lesen kann, und informieren Sie die Betreiber dieses Dienstes.",

  deletedHeading: ({ app }) => `Ihr ${app}-Konto wurde gelöscht`,
  deletedIntro: ({ app, to }) => `Das ${app}-Konto ${to} wurde mit seinen Sitzungen und offenen Links gelöscht. Nichts davon wird aufbewahrt.`,
  deletedAdvice:
    "Wenn Sie es gelöscht haben, ist nichts zu tun; Sie können sich jederzeit wieder mit dieser Adresse registrieren. " +
    "Wenn nicht: Jemand war in Ihrem Konto angemeldet. Prüfen Sie, wer Ihre E-Mails lesen kann, und informieren Sie die Betreiber dieses Dienstes.",

  changeHeading: ({ app }) => `Bestätigen Sie Ihre neue Adresse für ${app}`,
  changeIntro: ({ app, to }) => `Jemand, der bei einem ${app}-Konto angemeldet ist, möchte ab jetzt ${to} als dessen Adresse verwenden.`,
  changeConfirm: ({ timeLeft }) => `Öffnen Sie zur Bestätigung innerhalb von ${timeLeft} den Link unten; er funktioniert nur einmal.`,
  changeAdvice: "Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Solange der Link nicht verwendet wird, ändert sich nichts.",

  changedHeading: ({ app }) => `Die Adresse Ihres ${app}-Kontos wurde geändert`,
  changedIntro: ({ app, to, newEmail }) => `Das ${app}-Konto, das ${to} verwendet hat, verwendet jetzt ${newEmail}. Anmeldelinks gehen ab jetzt dorthin.`,
  changedAdvice:
    "Wenn Sie sie geändert haben, ist nichts zu tun. Wenn nicht: Jemand war in Ihrem Konto angemeldet und hat die Adresse geändert. Informieren Sie sofort die Betreiber dieses Dienstes.",
};
