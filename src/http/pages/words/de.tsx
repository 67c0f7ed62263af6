import type { Child } from "hono/jsx";
import type { PageWords } from "./en.js";

export const de: Partial<PageWords> = {
  languageSwitch: "Sprache",
  emailLabel: "E-Mail-Adresse",
  honeypotLabel: "Dieses Feld leer lassen",
  linkRequestHint:
    "Wir schicken Ihnen einen Link per E-Mail: einen Registrierungslink, wenn die Adresse neu ist, einen Anmeldelink, wenn es schon ein Konto gibt.",
  backToStart: "Zurück zum Anfang",
  optional: "(optional)",

  titleHome: "Anmelden oder registrieren",
  titleSignedIn: "Angemeldet",
  titleSignupSent: "Registrierungslink gesendet",
  titleLoginSent: "Anmeldelink gesendet",
  titleCheckInbox: "Sehen Sie in Ihr Postfach",
  titleRateLimited: "Zu viele Anfragen",
  titleApproved: "Anmeldung bestätigt",
  titleDenied: "Anfrage abgebrochen",
  titleConfirmLogin: "Anmelden",
  titleSignupDetails: "Konto anlegen",
  titleAccountExists: "Konto existiert bereits",
  titleAccount: "Ihr Konto",
  titleEmailChange: "Adresse ändern",
  titleEmailChanged: "Adresse geändert",
  titleAccountDeleted: "Konto gelöscht",

  homeHeading: "Anmelden oder registrieren",
  homeLead: ({ app }: { app: string }) => `Weiter zu ${app} mit Ihrer E-Mail-Adresse. Kein Passwort nötig.`,
  homeButton: "Weiter mit E-Mail",

  hello: ({ name }: { name: string }) => `Hallo, ${name}`,
  welcome: ({ app }: { app: string }) => `Willkommen bei ${app}`,
  loggedInAs: ({ email }: { email: Child }) => <>Sie sind angemeldet als {email}.</>,
  accountLink: "Ihr Konto: Angaben, Geräte, Löschen",
  logOut: "Abmelden",

  sentEither: ({ email }: { email: Child }) => (
    <>Wenn {email} hier verwendet werden kann, ist ein Link unterwegs: ein Anmeldelink, wenn es zu der Adresse ein Konto gibt, sonst ein Registrierungslink.</>
  ),
  sentKnown: ({ email }: { email: Child }) => <>Wenn {email} hier ein Konto hat, ist ein Anmeldelink unterwegs. Er funktioniert einmal und läuft bald ab.</>,
  sentKnownHint: "Auf dieser Seite lassen sich keine neuen Konten anlegen.",
  sentLogin: ({ email }: { email: Child }) => <>Wir haben einen Anmeldelink an {email} geschickt. Er funktioniert einmal und läuft bald ab.</>,
  sentLoginHint: "Öffnen Sie ihn auf diesem Gerät, um sich anzumelden.",
  sentSignup: ({ email }: { email: Child }) => <>Wir haben einen Registrierungslink an {email} geschickt.</>,
  sentSignupNotice: "Zu dieser Adresse gibt es noch kein Konto – falls Sie sich anmelden wollten, prüfen Sie die Adresse.",
  sentSignupHint: "Der Link legt ein neues Konto an. Er funktioniert einmal.",
  nothingArrived: ({ again }: { again: (text: string) => Child }) => (
    <>Nichts angekommen? Sehen Sie im Spam-Ordner nach und prüfen Sie die Adresse, oder {again("versuchen Sie es noch einmal")}.</>
  ),
  useDifferentAddress: "Andere Adresse verwenden",
  codeHeading: "Lesen Sie Ihre E-Mails auf einem anderen Gerät?",
  codeLabel: "Geben Sie den 6-stelligen Code aus der E-Mail ein",
  codeButton: "Weiter mit dem Code",
  approveHere: ({ number }: { number: Child }) => (
    <>Oder öffnen Sie den Link dort und bestätigen Sie dieses Gerät. Sie werden nach dieser Zahl gefragt: {number}</>
  ),
  approveWaiting: "Diese Seite geht von selbst weiter, sobald Sie bestätigen. Nennen Sie diese Zahl niemandem.",
  approvedButton: "Ich habe es auf dem anderen Gerät bestätigt",

  rateLimitedHeading: "Bitte einen Moment Geduld",
  rateLimited: ({ wait }: { wait: string }) =>
    `Wir haben gerade einen Link an diese Adresse geschickt, oder von hier aus wurden viele angefordert. Um Postfächer zu schützen, wurde kein neuer Link gesendet. Versuchen Sie es in ${wait} noch einmal.`,
  rateLimitedHint: "Ein zuvor gesendeter Link funktioniert weiter, bis er abläuft.",

  approvedHeading: "Anmeldung bestätigt",
  approvedText: "Kehren Sie zu dem Gerät zurück, auf dem Sie die Anmeldung angefordert haben: Es geht dort in wenigen Sekunden von selbst weiter.",
  approvedHint: "Sie können diese Seite schließen.",
  deniedHeading: "Anfrage abgebrochen",
  deniedText: "Niemand kann diesen Link jetzt noch verwenden. Sonst hat sich nichts geändert.",
  deniedHint: "Wenn Sie immer wieder Links bekommen, die Sie nicht angefordert haben, versucht es vielleicht jemand mit Ihrer Adresse.",
  confirmHeading: ({ email }: { email: string }) => `Als ${email} anmelden?`,
  confirmButton: "Auf diesem Gerät anmelden",
  otherDeviceHeading: "Oder ein anderes Gerät hereinlassen",
  requested: ({ ago, time, device, network }: { ago: string; time: Child; device: Child; network: Child }) => (
    <>
      Eine Anmeldung wurde {ago} ({time}) angefordert, von einem Browser, der sich als {device} ausgibt, im Netzwerk {network}.
    </>
  ),
  unknownNetwork: "unbekannt",
  approveWarning:
    "Bestätigen Sie nur, wenn Sie gerade selbst auf einem anderen Gerät angefragt haben und dort eine Zahl sehen. Die Bestätigung meldet dieses Gerät bei Ihrem Konto an. Wenn jemand Sie nach dieser Zahl fragt oder Sie bittet zu bestätigen, tun Sie es nicht: Wählen Sie „Nicht ich“.",
  numberLabel: "Die Zahl auf dem anderen Gerät",
  approveButton: "Anderes Gerät bestätigen",
  notMeCancel: "Nicht ich: diese Anfrage abbrechen",
  notAskedHint: "Wenn Sie keine Anmeldung angefordert haben, schließen Sie diese Seite; es passiert nichts.",

  signupHeading: "Konto anlegen",
  signupFor: ({ email }: { email: Child }) => <>für {email}</>,
  signupButton: "Konto anlegen",
  notMeSignup: "Nicht ich: Ich habe keine Registrierung angefordert",
  accountExistsHeading: ({ email }: { email: Child }) => <>Zu {email} gibt es bereits ein Konto</>,
  accountExistsText: "Dieser Registrierungslink kann nicht mehr verwendet werden, weil es zu der Adresse ein Konto gibt. Melden Sie sich stattdessen an.",
  sendLoginLink: "Anmeldelink schicken",
  notYourAddress: ({ again }: { again: (text: string) => Child }) => <>Nicht Ihre Adresse? {again("Neu beginnen")}.</>,

  problemDeniedLogin: "Diese Anmeldeanfrage wurde abgebrochen",
  problemDeniedLoginText:
    "Jemand hat auf einem anderen Gerät „Nicht ich“ gewählt, deshalb kann niemand diesen Link verwenden. Wenn Sie es waren, fordern Sie unten einen neuen an.",
  problemDeniedSignup: "Dieser Registrierungslink wurde abgebrochen",
  problemDeniedSignupText: "Niemand kann diesen Link verwenden. Wenn Sie sich registrieren möchten, fordern Sie unten einen neuen an.",
  problemInvalidLogin: "Dieser Anmeldelink ist ungültig",
  problemInvalidSignup: "Dieser Registrierungslink ist ungültig",
  problemInvalidText:
    "Er ist vielleicht unvollständig: Manche E-Mail-Programme teilen lange Links. Kopieren Sie den ganzen Link aus der E-Mail in Ihren Browser, oder fordern Sie unten einen neuen an.",
  problemExpiredLogin: "Dieser Anmeldelink ist abgelaufen",
  problemExpiredLoginText: "Anmeldelinks gelten nur wenige Minuten, damit Ihr Konto sicher bleibt. Fordern Sie unten einen neuen an.",
  problemExpiredSignup: "Dieser Registrierungslink ist abgelaufen",
  problemExpiredSignupText: "Registrierungslinks gelten einige Stunden. Fordern Sie unten einen neuen an.",
  problemUsedLogin: "Dieser Anmeldelink wurde bereits verwendet",
  problemUsedLoginText:
    "Anmeldelinks funktionieren einmal. Wenn Sie ihn schon geöffnet haben, sind Sie auf jenem Gerät vielleicht bereits angemeldet; sonst fordern Sie unten einen neuen an.",
  problemUsedSignup: "Dieser Registrierungslink wurde bereits verwendet",
  problemUsedSignupText:
    "Das Konto, für das er gedacht war, wurde angelegt. Fordern Sie unten einen neuen Link an: Zu einer Adresse mit Konto kommt ein Anmeldelink.",
  checkLoggedIn: "Prüfen, ob Sie angemeldet sind",
  sendNewLink: "Neuen Link schicken",

  accountHeading: "Ihr Konto",
  detailsHeading: "Ihre Angaben",
  saveDetails: "Angaben speichern",
  addressHeading: "Ihre Adresse",
  addressHint:
    "Ein Link geht an die neue Adresse; das Konto zieht dorthin um, sobald er verwendet wird (innerhalb einer Stunde), alle Geräte werden abgemeldet, und diese Adresse wird benachrichtigt.",
  newEmailLabel: "Neue E-Mail-Adresse",
  sendToNewAddress: "Link an die neue Adresse schicken",
  devicesHeading: "Wo Sie angemeldet sind",
  thisDevice: "(dieses Gerät)",
  deviceFacts: ({ network, started, lastUsed }: { network: string; started: Child; lastUsed: string }) => (
    <>
      Netzwerk {network} · angemeldet {started} · zuletzt verwendet {lastUsed}
    </>
  ),
  logOutDevice: "Dieses Gerät abmelden",
  logOutDeviceLabel: ({ device, lastUsed }: { device: string; lastUsed: string }) => `Dieses Gerät abmelden: ${device}, zuletzt verwendet ${lastUsed}`,
  logOutOthers: "Überall sonst abmelden",
  deleteHeading: "Konto löschen",
  deleteText: "Damit wird Ihr Konto entfernt, jedes Gerät abgemeldet und jeder an Sie gesendete Link ungültig. Das lässt sich nicht rückgängig machen.",
  deleteConfirm: "Ich möchte mein Konto löschen",
  deleteButton: "Mein Konto löschen",
  reauthenticateEmail: "Um Ihre Adresse zu ändern, melden Sie sich zuerst mit einem neuen Link erneut an: Ihre letzte Anmeldung ist mehr als 10 Minuten her.",
  reauthenticateDelete: "Um Ihr Konto zu löschen, melden Sie sich zuerst mit einem neuen Link erneut an: Ihre letzte Anmeldung ist mehr als 10 Minuten her.",
  deletedHeading: "Ihr Konto wurde gelöscht",
  deletedText: ({ email }: { email: Child }) => (
    <>Das Konto {email} und alles dazu ist gelöscht; an die Adresse ging eine Benachrichtigung. Sie können sich jederzeit wieder registrieren.</>
  ),
  changeHeading: "Adresse ändern?",
  changeText: ({ from, to }: { from: Child; to: Child }) => (
    <>
      Das Konto {from} verwendet ab jetzt {to}. Die alte Adresse wird benachrichtigt, und jedes beim Konto angemeldete Gerät wird abgemeldet.
    </>
  ),
  changeButton: ({ email }: { email: string }) => `${email} verwenden`,
  changedHeading: "Ihre Adresse ist geändert",
  changedText: ({ email }: { email: Child }) => (
    <>Ihr Konto verwendet ab jetzt {email}. Alle Geräte wurden abgemeldet: Melden Sie sich mit der neuen Adresse erneut an.</>
  ),
  logIn: "Anmelden",
};
