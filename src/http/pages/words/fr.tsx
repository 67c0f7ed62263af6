import type { Child } from "hono/jsx";
import type { PageWords } from "./en.js";

export const fr: Partial<PageWords> = {
  languageSwitch: "Langue",
  emailLabel: "Adresse e-mail",
  honeypotLabel: "Laissez ce champ vide",
  linkRequestHint: "Nous vous enverrons un lien par e-mail : un lien d’inscription si l’adresse est nouvelle, un lien de connexion si elle a un compte.",
  backToStart: "Retour au début",
  optional: "(facultatif)",

  titleHome: "Se connecter ou s’inscrire",
  titleSignedIn: "Connecté",
  titleSignupSent: "Lien d’inscription envoyé",
  titleLoginSent: "Lien de connexion envoyé",
  titleCheckInbox: "Consultez votre boîte de réception",
  titleRateLimited: "Trop de demandes",
  titleApproved: "Connexion approuvée",
  titleDenied: "Demande annulée",
  titleConfirmLogin: "Connexion",
  titleSignupDetails: "Créez votre compte",
  titleAccountExists: "Le compte existe déjà",
  titleAccount: "Votre compte",
  titleEmailChange: "Changer d’adresse",
  titleEmailChanged: "Adresse modifiée",
  titleAccountDeleted: "Compte supprimé",

  homeHeading: "Se connecter ou s’inscrire",
  homeLead: ({ app }: { app: string }) => `Utilisez votre adresse e-mail pour continuer vers ${app}. Aucun mot de passe n’est nécessaire.`,
  homeButton: "Continuer avec l’e-mail",

  hello: ({ name }: { name: string }) => `Bonjour, ${name}`,
  welcome: ({ app }: { app: string }) => `Bienvenue sur ${app}`,
  loggedInAs: ({ email }: { email: Child }) => <>Vous êtes connecté en tant que {email}.</>,
  accountLink: "Votre compte : informations, appareils, suppression",
  logOut: "Se déconnecter",

  sentEither: ({ email }: { email: Child }) => (
    <>Si {email} peut être utilisée ici, un lien est en route : un lien de connexion si l’adresse a un compte, un lien d’inscription sinon.</>
  ),
  sentKnown: ({ email }: { email: Child }) => (
    <>Si {email} a un compte ici, un lien de connexion est en route. Il ne fonctionne qu’une fois et expire bientôt.</>
  ),
  sentKnownHint: "Cette page ne permet pas de créer de nouveaux comptes.",
  sentLogin: ({ email }: { email: Child }) => <>Nous avons envoyé un lien de connexion à {email}. Il ne fonctionne qu’une fois et expire bientôt.</>,
  sentLoginHint: "Ouvrez-le sur cet appareil pour vous connecter.",
  sentSignup: ({ email }: { email: Child }) => <>Nous avons envoyé un lien d’inscription à {email}.</>,
  sentSignupNotice: "Aucun compte n’utilise encore cette adresse — si vous vouliez vous connecter, vérifiez l’adresse.",
  sentSignupHint: "Le lien crée un nouveau compte. Il ne fonctionne qu’une fois.",
  nothingArrived: ({ again }: { again: (text: string) => Child }) => (
    <>Rien reçu ? Vérifiez vos courriers indésirables et l’adresse, ou {again("réessayez")}.</>
  ),
  useDifferentAddress: "Utiliser une autre adresse",
  codeHeading: "Vous lisez vos e-mails sur un autre appareil ?",
  codeLabel: "Saisissez le code à 6 chiffres reçu par e-mail",
  codeButton: "Continuer avec le code",
  approveHere: ({ number }: { number: Child }) => <>Ou ouvrez le lien là-bas et approuvez cet appareil. Ce nombre vous sera demandé : {number}</>,
  approveWaiting: "Cette page continuera d’elle-même dès votre approbation. Ne communiquez jamais ce nombre à personne.",
  approvedButton: "Je l’ai approuvé sur l’autre appareil",

  rateLimitedHeading: "Merci de patienter un instant",
  rateLimited: ({ wait }: { wait: string }) =>
    `Nous venons d’envoyer un lien à cette adresse, ou de nombreux liens ont été demandés d’ici. Pour protéger les boîtes de réception, aucun nouveau lien n’a été envoyé. Réessayez dans ${wait}.`,
  rateLimitedHint: "Un lien envoyé plus tôt fonctionne toujours jusqu’à son expiration.",

  approvedHeading: "Connexion approuvée",
  approvedText: "Revenez à l’appareil sur lequel vous avez fait la demande : il continuera de lui-même dans quelques secondes.",
  approvedHint: "Vous pouvez fermer cette page.",
  deniedHeading: "Demande annulée",
  deniedText: "Plus personne ne peut utiliser ce lien. Rien d’autre n’a changé.",
  deniedHint: "Si vous recevez sans cesse des liens que vous n’avez pas demandés, quelqu’un essaie peut-être votre adresse.",
  confirmHeading: ({ email }: { email: string }) => `Se connecter en tant que ${email} ?`,
  confirmButton: "Se connecter sur cet appareil",
  otherDeviceHeading: "Ou laisser entrer un autre appareil",
  requested: ({ ago, time, device, network }: { ago: string; time: Child; device: Child; network: Child }) => (
    <>
      Une connexion a été demandée {ago} ({time}) depuis un navigateur qui se présente comme {device}, sur le réseau {network}.
    </>
  ),
  unknownNetwork: "inconnu",
  approveWarning:
    "N’approuvez que si vous venez de faire la demande sur un autre appareil et que vous y voyez un nombre. Approuver connecte cet appareil à votre compte. Si quelqu’un vous demande ce nombre ou d’approuver, refusez : choisissez « Ce n’est pas moi ».",
  numberLabel: "Le nombre affiché sur l’autre appareil",
  approveButton: "Approuver l’autre appareil",
  notMeCancel: "Ce n’est pas moi : annuler cette demande",
  notAskedHint: "Si vous n’avez pas demandé à vous connecter, fermez cette page ; rien ne se passera.",

  signupHeading: "Créez votre compte",
  signupFor: ({ email }: { email: Child }) => <>pour {email}</>,
  signupButton: "Créer le compte",
  notMeSignup: "Ce n’est pas moi : je n’ai pas demandé à m’inscrire",
  accountExistsHeading: ({ email }: { email: Child }) => <>Un compte utilise déjà {email}</>,
  accountExistsText: "Ce lien d’inscription n’est plus utilisable, car l’adresse a un compte. Connectez-vous plutôt.",
  sendLoginLink: "M’envoyer un lien de connexion",
  notYourAddress: ({ again }: { again: (text: string) => Child }) => <>Ce n’est pas votre adresse ? {again("Recommencer")}.</>,

  problemDeniedLogin: "Cette demande de connexion a été annulée",
  problemDeniedLoginText:
    "Quelqu’un a répondu « Ce n’est pas moi » sur un autre appareil, donc personne ne peut utiliser ce lien. Si c’était vous, demandez-en un nouveau ci-dessous.",
  problemDeniedSignup: "Ce lien d’inscription a été annulé",
  problemDeniedSignupText: "Personne ne peut utiliser ce lien. Si vous voulez vous inscrire, demandez-en un nouveau ci-dessous.",
  problemInvalidLogin: "Ce lien de connexion n’est pas valide",
  problemInvalidSignup: "Ce lien d’inscription n’est pas valide",
  problemInvalidText:
    "Il est peut-être incomplet : certains logiciels de messagerie coupent les liens longs en deux. Copiez le lien entier depuis l’e-mail dans votre navigateur, ou demandez-en un nouveau ci-dessous.",
  problemExpiredLogin: "Ce lien de connexion a expiré",
  problemExpiredLoginText: "Les liens de connexion ne durent que quelques minutes, pour protéger votre compte. Demandez-en un nouveau ci-dessous.",
  problemExpiredSignup: "Ce lien d’inscription a expiré",
  problemExpiredSignupText: "Les liens d’inscription durent quelques heures. Demandez-en un nouveau ci-dessous.",
  problemUsedLogin: "Ce lien de connexion a déjà été utilisé",
  problemUsedLoginText:
    "Les liens de connexion ne fonctionnent qu’une fois. Si vous l’avez déjà ouvert, vous êtes peut-être déjà connecté sur cet appareil ; sinon, demandez-en un nouveau ci-dessous.",
  problemUsedSignup: "Ce lien d’inscription a déjà été utilisé",
  problemUsedSignupText:
    "Le compte auquel il était destiné a été créé. Pour entrer, demandez un nouveau lien ci-dessous : une adresse qui a un compte reçoit un lien de connexion.",
  checkLoggedIn: "Vérifier si vous êtes connecté",
  sendNewLink: "Envoyer un nouveau lien",

  accountHeading: "Votre compte",
  detailsHeading: "Vos informations",
  saveDetails: "Enregistrer les informations",
  addressHeading: "Votre adresse",
  addressHint:
    "Un lien est envoyé à la nouvelle adresse ; le compte y est transféré lorsqu’il est utilisé (dans l’heure), tous les appareils sont déconnectés et cette adresse est prévenue.",
  newEmailLabel: "Nouvelle adresse e-mail",
  sendToNewAddress: "Envoyer un lien à la nouvelle adresse",
  devicesHeading: "Où vous êtes connecté",
  thisDevice: "(cet appareil)",
  deviceFacts: ({ network, started, lastUsed }: { network: string; started: Child; lastUsed: string }) => (
    <>
      Réseau {network} · connecté le {started} · dernière utilisation {lastUsed}
    </>
  ),
  logOutDevice: "Déconnecter cet appareil",
  logOutDeviceLabel: ({ device, lastUsed }: { device: string; lastUsed: string }) => `Déconnecter cet appareil : ${device}, dernière utilisation ${lastUsed}`,
  logOutOthers: "Se déconnecter partout ailleurs",
  deleteHeading: "Supprimer votre compte",
  deleteText: "Cela supprime votre compte, déconnecte tous les appareils et annule tous les liens qui vous ont été envoyés. C’est irréversible.",
  deleteConfirm: "Je veux supprimer mon compte",
  deleteButton: "Supprimer mon compte",
  reauthenticateEmail: "Pour changer d’adresse, reconnectez-vous d’abord avec un nouveau lien : votre dernière connexion date de plus de 10 minutes.",
  reauthenticateDelete: "Pour supprimer votre compte, reconnectez-vous d’abord avec un nouveau lien : votre dernière connexion date de plus de 10 minutes.",
  deletedHeading: "Votre compte a été supprimé",
  deletedText: ({ email }: { email: Child }) => (
    <>Le compte {email} et tout ce qui le concerne ont disparu ; un avis a été envoyé à cette adresse. Vous pouvez vous réinscrire à tout moment.</>
  ),
  changeHeading: "Changer d’adresse ?",
  changeText: ({ from, to }: { from: Child; to: Child }) => (
    <>
      Le compte {from} utilisera désormais {to}. L’ancienne adresse est prévenue, et tous les appareils connectés au compte sont déconnectés.
    </>
  ),
  changeButton: ({ email }: { email: string }) => `Utiliser ${email}`,
  changedHeading: "Votre adresse a été modifiée",
  changedText: ({ email }: { email: Child }) => (
    <>Votre compte utilise désormais {email}. Tous les appareils ont été déconnectés : reconnectez-vous avec la nouvelle adresse.</>
  ),
  logIn: "Se connecter",
};
