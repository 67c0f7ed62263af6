import type { Child } from "hono/jsx";
import type { PageWords } from "./en.js";

export const es: Partial<PageWords> = {
  languageSwitch: "Idioma",
  emailLabel: "Correo electrónico",
  honeypotLabel: "Deja este campo vacío",
  linkRequestHint: "Te enviaremos un enlace por correo: un enlace de registro si la dirección es nueva, o uno para iniciar sesión si ya tiene una cuenta.",
  backToStart: "Volver al inicio",
  optional: "(opcional)",

  titleHome: "Inicia sesión o regístrate",
  titleSignedIn: "Sesión iniciada",
  titleSignupSent: "Enlace de registro enviado",
  titleLoginSent: "Enlace para iniciar sesión enviado",
  titleCheckInbox: "Revisa tu bandeja de entrada",
  titleRateLimited: "Demasiadas solicitudes",
  titleApproved: "Inicio de sesión aprobado",
  titleDenied: "Solicitud cancelada",
  titleConfirmLogin: "Iniciar sesión",
  titleSignupDetails: "Crea tu cuenta",
  titleAccountExists: "La cuenta ya existe",
  titleAccount: "Tu cuenta",
  titleEmailChange: "Cambiar la dirección",
  titleEmailChanged: "Dirección cambiada",
  titleAccountDeleted: "Cuenta eliminada",

  homeHeading: "Inicia sesión o regístrate",
  homeLead: ({ app }: { app: string }) => `Usa tu dirección de correo para continuar a ${app}. No necesitas contraseña.`,
  homeButton: "Continuar con el correo",

  hello: ({ name }: { name: string }) => `Hola, ${name}`,
  welcome: ({ app }: { app: string }) => `Te damos la bienvenida a ${app}`,
  loggedInAs: ({ email }: { email: Child }) => <>Has iniciado sesión como {email}.</>,
  accountLink: "Tu cuenta: datos, dispositivos, eliminación",
  logOut: "Cerrar sesión",

  sentEither: ({ email }: { email: Child }) => (
    <>Si {email} se puede usar aquí, hay un enlace en camino: uno para iniciar sesión si la dirección tiene cuenta, o uno de registro si no.</>
  ),
  sentKnown: ({ email }: { email: Child }) => (
    <>Si {email} tiene una cuenta aquí, hay un enlace para iniciar sesión en camino. Funciona una vez y caduca pronto.</>
  ),
  sentKnownHint: "Desde esta página no se pueden crear cuentas nuevas.",
  sentLogin: ({ email }: { email: Child }) => <>Hemos enviado un enlace para iniciar sesión a {email}. Funciona una vez y caduca pronto.</>,
  sentLoginHint: "Ábrelo en este dispositivo para iniciar sesión.",
  sentSignup: ({ email }: { email: Child }) => <>Hemos enviado un enlace de registro a {email}.</>,
  sentSignupNotice: "Todavía no hay ninguna cuenta con esta dirección; si querías iniciar sesión, revisa la dirección.",
  sentSignupHint: "El enlace crea una cuenta nueva. Funciona una vez.",
  nothingArrived: ({ again }: { again: (text: string) => Child }) => (
    <>¿No te ha llegado nada? Revisa la carpeta de correo no deseado y la dirección, o {again("inténtalo de nuevo")}.</>
  ),
  useDifferentAddress: "Usar otra dirección",
  codeHeading: "¿Lees tu correo en otro dispositivo?",
  codeLabel: "Escribe el código de 6 dígitos del correo",
  codeButton: "Continuar con el código",
  approveHere: ({ number }: { number: Child }) => <>O abre allí el enlace y aprueba este dispositivo. Se te pedirá este número: {number}</>,
  approveWaiting: "Esta página continuará sola en cuanto lo apruebes. No le digas este número a nadie.",
  approvedButton: "Ya lo aprobé en el otro dispositivo",

  rateLimitedHeading: "Espera un momento",
  rateLimited: ({ wait }: { wait: string }) =>
    `Acabamos de enviar un enlace a esta dirección, o se han pedido muchos desde aquí. Para proteger los buzones, no se ha enviado ningún enlace nuevo. Vuelve a intentarlo dentro de ${wait}.`,
  rateLimitedHint: "Un enlace enviado antes sigue funcionando hasta que caduque.",

  approvedHeading: "Inicio de sesión aprobado",
  approvedText: "Vuelve al dispositivo donde lo pediste: continuará solo en unos segundos.",
  approvedHint: "Puedes cerrar esta página.",
  deniedHeading: "Solicitud cancelada",
  deniedText: "Ya nadie puede usar ese enlace. No ha cambiado nada más.",
  deniedHint: "Si sigues recibiendo enlaces que no has pedido, puede que alguien esté probando tu dirección.",
  confirmHeading: ({ email }: { email: string }) => `¿Iniciar sesión como ${email}?`,
  confirmButton: "Iniciar sesión en este dispositivo",
  otherDeviceHeading: "O deja entrar a otro dispositivo",
  requested: ({ ago, time, device, network }: { ago: string; time: Child; device: Child; network: Child }) => (
    <>
      Se pidió un inicio de sesión {ago} ({time}) desde un navegador que dice ser {device}, en la red {network}.
    </>
  ),
  unknownNetwork: "desconocida",
  approveWarning:
    "Apruébalo solo si acabas de pedirlo en otro dispositivo y ves allí un número. Aprobarlo inicia la sesión de ese dispositivo en tu cuenta. Si alguien te pide este número o que lo apruebes, no lo hagas: elige «No he sido yo».",
  numberLabel: "El número que aparece en el otro dispositivo",
  approveButton: "Aprobar el otro dispositivo",
  notMeCancel: "No he sido yo: cancelar esta solicitud",
  notAskedHint: "Si no has pedido iniciar sesión, cierra esta página; no pasará nada.",

  signupHeading: "Crea tu cuenta",
  signupFor: ({ email }: { email: Child }) => <>para {email}</>,
  signupButton: "Crear la cuenta",
  notMeSignup: "No he sido yo: no he pedido registrarme",
  accountExistsHeading: ({ email }: { email: Child }) => <>Ya hay una cuenta que usa {email}</>,
  accountExistsText: "Este enlace de registro ya no se puede usar, porque la dirección tiene una cuenta. Inicia sesión en su lugar.",
  sendLoginLink: "Enviarme un enlace para iniciar sesión",
  notYourAddress: ({ again }: { again: (text: string) => Child }) => <>¿No es tu dirección? {again("Empieza de nuevo")}.</>,

  problemDeniedLogin: "Esta solicitud de inicio de sesión se canceló",
  problemDeniedLoginText:
    "Alguien respondió «No he sido yo» en otro dispositivo, así que nadie puede usar este enlace. Si fuiste tú, pide uno nuevo aquí abajo.",
  problemDeniedSignup: "Este enlace de registro se canceló",
  problemDeniedSignupText: "Nadie puede usar este enlace. Si quieres registrarte, pide uno nuevo aquí abajo.",
  problemInvalidLogin: "Este enlace para iniciar sesión no es válido",
  problemInvalidSignup: "Este enlace de registro no es válido",
  problemInvalidText:
    "Puede que esté incompleto: algunos programas de correo cortan los enlaces largos en dos. Copia el enlace completo del correo en tu navegador, o pide uno nuevo aquí abajo.",
  problemExpiredLogin: "Este enlace para iniciar sesión ha caducado",
  problemExpiredLoginText: "Los enlaces para iniciar sesión duran solo unos minutos, para proteger tu cuenta. Pide uno nuevo aquí abajo.",
  problemExpiredSignup: "Este enlace de registro ha caducado",
  problemExpiredSignupText: "Los enlaces de registro duran unas horas. Pide uno nuevo aquí abajo.",
  problemUsedLogin: "Este enlace para iniciar sesión ya se ha usado",
  problemUsedLoginText:
    "Los enlaces para iniciar sesión funcionan una vez. Si ya lo abriste, puede que ya tengas la sesión iniciada en ese dispositivo; si no, pide uno nuevo aquí abajo.",
  problemUsedSignup: "Este enlace de registro ya se ha usado",
  problemUsedSignupText:
    "La cuenta para la que era ya se ha creado. Para entrar, pide un enlace nuevo aquí abajo: una dirección con cuenta recibe un enlace para iniciar sesión.",
  checkLoggedIn: "Comprobar si tienes la sesión iniciada",
  sendNewLink: "Enviar un enlace nuevo",

  accountHeading: "Tu cuenta",
  detailsHeading: "Tus datos",
  saveDetails: "Guardar los datos",
  addressHeading: "Tu dirección",
  addressHint:
    "Se envía un enlace a la nueva dirección; la cuenta pasa a ella cuando se usa (en el plazo de una hora), se cierra la sesión en todos los dispositivos y se avisa a esta dirección.",
  newEmailLabel: "Nueva dirección de correo",
  sendToNewAddress: "Enviar un enlace a la nueva dirección",
  devicesHeading: "Dónde tienes la sesión iniciada",
  thisDevice: "(este dispositivo)",
  deviceFacts: ({ network, started, lastUsed }: { network: string; started: Child; lastUsed: string }) => (
    <>
      Red {network} · sesión iniciada {started} · último uso {lastUsed}
    </>
  ),
  logOutDevice: "Cerrar la sesión de este dispositivo",
  logOutDeviceLabel: ({ device, lastUsed }: { device: string; lastUsed: string }) => `Cerrar la sesión de este dispositivo: ${device}, último uso ${lastUsed}`,
  logOutOthers: "Cerrar la sesión en todos los demás",
  deleteHeading: "Eliminar tu cuenta",
  deleteText: "Esto elimina tu cuenta, cierra la sesión en todos los dispositivos y cancela todos los enlaces que se te han enviado. No se puede deshacer.",
  deleteConfirm: "Quiero eliminar mi cuenta",
  deleteButton: "Eliminar mi cuenta",
  reauthenticateEmail: "Para cambiar tu dirección, vuelve a iniciar sesión primero con un enlace nuevo: tu último inicio de sesión fue hace más de 10 minutos.",
  reauthenticateDelete: "Para eliminar tu cuenta, vuelve a iniciar sesión primero con un enlace nuevo: tu último inicio de sesión fue hace más de 10 minutos.",
  deletedHeading: "Se ha eliminado tu cuenta",
  deletedText: ({ email }: { email: Child }) => (
    <>La cuenta {email} y todo lo relacionado con ella ya no existen; se ha enviado un aviso a esa dirección. Puedes volver a registrarte cuando quieras.</>
  ),
  changeHeading: "¿Cambiar la dirección?",
  changeText: ({ from, to }: { from: Child; to: Child }) => (
    <>
      La cuenta {from} usará {to} a partir de ahora. Se avisa a la dirección antigua y se cierra la sesión en todos los dispositivos de la cuenta.
    </>
  ),
  changeButton: ({ email }: { email: string }) => `Usar ${email}`,
  changedHeading: "Se ha cambiado tu dirección",
  changedText: ({ email }: { email: Child }) => (
    <>Tu cuenta usa {email} a partir de ahora. Se ha cerrado la sesión en todos los dispositivos: vuelve a iniciar sesión con la nueva dirección.</>
  ),
  logIn: "Iniciar sesión",
};
