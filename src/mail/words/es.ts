import type { MailWords } from "./words.js";

export const es: Partial<MailWords> = {
  signupSubject: ({ app }) => `Completa tu registro en ${app}`,
  signupHeading: ({ app }) => `Completa tu registro en ${app}`,
  signupIntro: ({ app, to }) => `Alguien ha pedido crear una cuenta de ${app} para ${to}. Para completar el registro, abre el enlace de abajo.`,
  signupAction: "Completar el registro",
  signupValidity: ({ validFor }) => `Este enlace es válido durante ${validFor}.`,
  signupIgnore:
    "Si no lo has pedido tú, puedes ignorar este correo sin problema: no se crea ninguna cuenta. No compartas nunca este enlace ni el código con nadie.",

  loginSubject: ({ app }) => `Tu enlace para iniciar sesión en ${app}`,
  loginHeading: ({ app }) => `Inicia sesión en ${app}`,
  loginIntro: ({ app, to }) => `Alguien ha pedido iniciar sesión en ${app} como ${to}. Para iniciar sesión, abre el enlace de abajo.`,
  loginAction: "Iniciar sesión",
  loginValidity: ({ validFor }) => `Este enlace es válido durante ${validFor} y solo se puede usar una vez.`,
  loginCaution:
    "No compartas nunca este enlace ni el código, y no apruebes nunca un inicio de sesión que no hayas pedido tú: quien los tenga, o a quien apruebes, inicia sesión como tú.",
  loginIgnore: "Si no lo has pedido tú, ignora este correo y no apruebes ninguna solicitud: no pasa nada sin ti.",

  codeIntro: "O escribe este código en la página donde lo pediste, en el mismo navegador:",
  buttonFallback: "Si el botón no funciona, copia este enlace en tu navegador:",

  noticeHeading: ({ app }) => `Nuevo inicio de sesión en ${app}`,
  noticeIntroByCode: ({ app, to }) => `Se acaba de iniciar sesión en tu cuenta de ${app} ${to} con el código de un correo de inicio de sesión.`,
  noticeIntroByApproval: ({ app, to }) => `Se acaba de iniciar sesión en tu cuenta de ${app} ${to} mediante una aprobación desde otro dispositivo.`,
  factWhen: ({ when }) => `Cuándo: ${when}`,
  factBrowser: ({ device }) => `Navegador: ${device} (según se identifica a sí mismo)`,
  deviceOn: ({ browser, system }) => `${browser} en ${system}`,
  someBrowser: "un navegador",
  unknownBrowser: "un navegador desconocido",
  factNetwork: ({ network }) => `Red: ${network}`,
  networkUnknown: "desconocida",
  noticeAdvice:
    "Si fuiste tú, no hay nada que hacer. Si no: alguien tiene tu código o aprobaste su solicitud. " +
    "No compartas nunca un código y no apruebes nunca un inicio de sesión que no hayas pedido tú; comprueba quién puede leer tu correo y avisa a los responsables de este servicio.",

  deletedHeading: ({ app }) => `Se ha eliminado tu cuenta de ${app}`,
  deletedIntro: ({ app, to }) => `Se ha eliminado la cuenta de ${app} ${to}, con sus sesiones y enlaces pendientes. No se conserva nada de ella.`,
  deletedAdvice:
    "Si la eliminaste tú, no hay nada que hacer; puedes volver a registrarte con esta dirección cuando quieras. " +
    "Si no: alguien había iniciado sesión en tu cuenta. Comprueba quién puede leer tu correo y avisa a los responsables de este servicio.",

  changeHeading: ({ app }) => `Confirma tu nueva dirección para ${app}`,
  changeIntro: ({ app, to }) => `Alguien con la sesión iniciada en una cuenta de ${app} ha pedido usar ${to} como su dirección a partir de ahora.`,
  changeConfirm: ({ timeLeft }) => `Para confirmarlo, abre el enlace de abajo en un plazo de ${timeLeft}; funciona una sola vez.`,
  changeAdvice: "Si no lo has pedido tú, ignora este correo: nada cambia a menos que se use el enlace.",

  changedHeading: ({ app }) => `Se ha cambiado la dirección de tu cuenta de ${app}`,
  changedIntro: ({ app, to, newEmail }) =>
    `La cuenta de ${app} que usaba ${to} ahora usa ${newEmail}. Los enlaces para iniciar sesión se enviarán allí a partir de ahora.`,
  changedAdvice:
    "Si la cambiaste tú, no hay nada que hacer. Si no: alguien había iniciado sesión en tu cuenta y cambió su dirección. Avisa de inmediato a los responsables de este servicio.",
};
