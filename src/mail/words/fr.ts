import type { MailWords } from "./words.js";

export const fr: Partial<MailWords> = {
  signupSubject: ({ app }) => `Terminez votre inscription à ${app}`,
  signupHeading: ({ app }) => `Terminez votre inscription à ${app}`,
  signupIntro: ({ app, to }) => `Quelqu’un a demandé à créer un compte ${app} pour ${to}. Pour terminer l’inscription, ouvrez le lien ci-dessous.`,
  signupAction: "Terminer l’inscription",
  signupValidity: ({ validFor }) => `Ce lien est valable ${validFor}.`,
  signupIgnore:
    "Si vous n’êtes pas à l’origine de cette demande, vous pouvez ignorer cet e-mail sans risque : aucun compte n’est créé. Ne communiquez jamais ce lien ni le code à qui que ce soit.",

  loginSubject: ({ app }) => `Votre lien de connexion à ${app}`,
  loginHeading: ({ app }) => `Se connecter à ${app}`,
  loginIntro: ({ app, to }) => `Quelqu’un a demandé à se connecter à ${app} en tant que ${to}. Pour vous connecter, ouvrez le lien ci-dessous.`,
  loginAction: "Se connecter",
  loginValidity: ({ validFor }) => `Ce lien est valable ${validFor} et ne peut servir qu’une seule fois.`,
  loginCaution:
    "Ne communiquez jamais ce lien ni le code, et n’approuvez jamais une connexion que vous n’avez pas demandée vous-même : quiconque les détient, ou que vous approuvez, est connecté en votre nom.",
  loginIgnore: "Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail et n’approuvez aucune demande : rien ne se passe sans vous.",

  codeIntro: "Ou saisissez ce code sur la page où vous avez fait la demande, dans le même navigateur :",
  buttonFallback: "Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :",

  noticeHeading: ({ app }) => `Nouvelle connexion à ${app}`,
  noticeIntroByCode: ({ app, to }) => `Quelqu’un vient de se connecter à votre compte ${app} ${to} avec le code d’un e-mail de connexion.`,
  noticeIntroByApproval: ({ app, to }) => `Quelqu’un vient de se connecter à votre compte ${app} ${to} grâce à une approbation depuis un autre appareil.`,
  factWhen: ({ when }) => `Quand : ${when}`,
  factBrowser: ({ device }) => `Navigateur : ${device} (selon ses propres indications)`,
  deviceOn: ({ browser, system }) => `${browser} sur ${system}`,
  someBrowser: "un navigateur",
  unknownBrowser: "un navigateur inconnu",
  factNetwork: ({ network }) => `Réseau : ${network}`,
  networkUnknown: "inconnu",
  noticeAdvice:
    "Si c’était vous, il n’y a rien à faire. Sinon : quelqu’un possède votre code, ou vous avez approuvé sa demande. " +
    "Ne communiquez jamais un code et n’approuvez jamais une connexion que vous n’avez pas demandée vous-même ; vérifiez qui peut lire vos e-mails et prévenez les responsables de ce service.",

  deletedHeading: ({ app }) => `Votre compte ${app} a été supprimé`,
  deletedIntro: ({ app, to }) => `Le compte ${app} ${to} a été supprimé, avec ses sessions et ses liens en attente. Rien n’en est conservé.`,
  deletedAdvice:
    "Si vous l’avez supprimé, il n’y a rien à faire ; vous pouvez vous réinscrire avec cette adresse à tout moment. " +
    "Sinon : quelqu’un était connecté à votre compte. Vérifiez qui peut lire vos e-mails et prévenez les responsables de ce service.",

  changeHeading: ({ app }) => `Confirmez votre nouvelle adresse pour ${app}`,
  changeIntro: ({ app, to }) => `Une personne connectée à un compte ${app} a demandé à utiliser désormais ${to} comme adresse.`,
  changeConfirm: ({ timeLeft }) => `Pour confirmer, ouvrez le lien ci-dessous dans un délai de ${timeLeft} ; il ne fonctionne qu’une fois.`,
  changeAdvice: "Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : rien ne change tant que le lien n’est pas utilisé.",

  changedHeading: ({ app }) => `L’adresse de votre compte ${app} a été modifiée`,
  changedIntro: ({ app, to, newEmail }) =>
    `Le compte ${app} qui utilisait ${to} utilise désormais ${newEmail}. Les liens de connexion y seront envoyés dorénavant.`,
  changedAdvice:
    "Si c’est vous qui l’avez modifiée, il n’y a rien à faire. Sinon : quelqu’un était connecté à votre compte et en a changé l’adresse. Prévenez immédiatement les responsables de ce service.",
};
