import type { Child } from "hono/jsx";
import type { PageWords } from "./en.js";

export const ptBR: Partial<PageWords> = {
  languageSwitch: "Idioma",
  emailLabel: "Endereço de e-mail",
  honeypotLabel: "Deixe este campo vazio",
  linkRequestHint: "Enviaremos um link por e-mail: um link de cadastro se o endereço for novo, ou um link de acesso se ele já tiver uma conta.",
  backToStart: "Voltar ao início",
  optional: "(opcional)",

  titleHome: "Entrar ou cadastrar-se",
  titleSignedIn: "Conectado",
  titleSignupSent: "Link de cadastro enviado",
  titleLoginSent: "Link de acesso enviado",
  titleCheckInbox: "Confira sua caixa de entrada",
  titleRateLimited: "Solicitações demais",
  titleApproved: "Acesso aprovado",
  titleDenied: "Solicitação cancelada",
  titleConfirmLogin: "Entrar",
  titleSignupDetails: "Crie sua conta",
  titleAccountExists: "A conta já existe",
  titleAccount: "Sua conta",
  titleEmailChange: "Alterar o endereço",
  titleEmailChanged: "Endereço alterado",
  titleAccountDeleted: "Conta excluída",

  homeHeading: "Entrar ou cadastrar-se",
  homeLead: ({ app }: { app: string }) => `Use seu endereço de e-mail para continuar no ${app}. Não é preciso senha.`,
  homeButton: "Continuar com o e-mail",

  hello: ({ name }: { name: string }) => `Olá, ${name}`,
  welcome: ({ app }: { app: string }) => `Boas-vindas ao ${app}`,
  loggedInAs: ({ email }: { email: Child }) => <>Você está conectado como {email}.</>,
  accountLink: "Sua conta: dados, dispositivos, exclusão",
  logOut: "Sair",

  sentEither: ({ email }: { email: Child }) => (
    <>Se {email} puder ser usado aqui, há um link a caminho: um link de acesso se o endereço tiver uma conta, ou um link de cadastro se não tiver.</>
  ),
  sentKnown: ({ email }: { email: Child }) => <>Se {email} tiver uma conta aqui, há um link de acesso a caminho. Ele funciona uma vez e expira em breve.</>,
  sentKnownHint: "Não é possível criar contas novas nesta página.",
  sentLogin: ({ email }: { email: Child }) => <>Enviamos um link de acesso para {email}. Ele funciona uma vez e expira em breve.</>,
  sentLoginHint: "Abra-o neste dispositivo para entrar.",
  sentSignup: ({ email }: { email: Child }) => <>Enviamos um link de cadastro para {email}.</>,
  sentSignupNotice: "Ainda não há nenhuma conta com este endereço — se você queria entrar, confira o endereço.",
  sentSignupHint: "O link cria uma conta nova. Ele funciona uma vez.",
  nothingArrived: ({ again }: { again: (text: string) => Child }) => <>Não chegou nada? Confira a pasta de spam e o endereço, ou {again("tente de novo")}.</>,
  useDifferentAddress: "Usar outro endereço",
  codeHeading: "Está lendo seus e-mails em outro dispositivo?",
  codeLabel: "Digite o código de 6 dígitos do e-mail",
  codeButton: "Continuar com o código",
  approveHere: ({ number }: { number: Child }) => <>Ou abra o link lá e aprove este dispositivo. Você verá um pedido deste número: {number}</>,
  approveWaiting: "Esta página continua sozinha assim que você aprovar. Nunca diga este número a ninguém.",
  approvedButton: "Já aprovei no outro dispositivo",

  rateLimitedHeading: "Aguarde um momento",
  rateLimited: ({ wait }: { wait: string }) =>
    `Acabamos de enviar um link para este endereço, ou muitos foram pedidos daqui. Para proteger as caixas de entrada, nenhum link novo foi enviado. Tente de novo em ${wait}.`,
  rateLimitedHint: "Um link enviado antes continua funcionando até expirar.",

  approvedHeading: "Acesso aprovado",
  approvedText: "Volte ao dispositivo em que você fez o pedido: ele continua sozinho em poucos segundos.",
  approvedHint: "Você pode fechar esta página.",
  deniedHeading: "Solicitação cancelada",
  deniedText: "Ninguém pode usar esse link agora. Nada mais mudou.",
  deniedHint: "Se você continuar recebendo links que não pediu, talvez alguém esteja tentando usar o seu endereço.",
  confirmHeading: ({ email }: { email: string }) => `Entrar como ${email}?`,
  confirmButton: "Entrar neste dispositivo",
  otherDeviceHeading: "Ou deixe outro dispositivo entrar",
  requested: ({ ago, time, device, network }: { ago: string; time: Child; device: Child; network: Child }) => (
    <>
      Um acesso foi pedido {ago} ({time}) por um navegador que diz ser {device}, na rede {network}.
    </>
  ),
  unknownNetwork: "desconhecida",
  approveWarning:
    "Aprove somente se você acabou de pedir em outro dispositivo e está vendo um número lá. Aprovar dá a esse dispositivo acesso à sua conta. Se alguém pedir este número ou a sua aprovação, não faça isso: escolha “Não fui eu”.",
  numberLabel: "O número mostrado no outro dispositivo",
  approveButton: "Aprovar o outro dispositivo",
  notMeCancel: "Não fui eu: cancelar esta solicitação",
  notAskedHint: "Se você não pediu para entrar, feche esta página; nada acontece.",

  signupHeading: "Crie sua conta",
  signupFor: ({ email }: { email: Child }) => <>para {email}</>,
  signupButton: "Criar conta",
  notMeSignup: "Não fui eu: não pedi cadastro",
  accountExistsHeading: ({ email }: { email: Child }) => <>Já existe uma conta com {email}</>,
  accountExistsText: "Este link de cadastro não pode mais ser usado, porque o endereço tem uma conta. Entre em vez disso.",
  sendLoginLink: "Enviar um link de acesso",
  notYourAddress: ({ again }: { again: (text: string) => Child }) => <>Não é o seu endereço? {again("Comece de novo")}.</>,

  problemDeniedLogin: "Esta solicitação de acesso foi cancelada",
  problemDeniedLoginText: "Alguém respondeu “Não fui eu” em outro dispositivo, então ninguém pode usar este link. Se foi você, peça um novo abaixo.",
  problemDeniedSignup: "Este link de cadastro foi cancelado",
  problemDeniedSignupText: "Ninguém pode usar este link. Se quiser se cadastrar, peça um novo abaixo.",
  problemInvalidLogin: "Este link de acesso não é válido",
  problemInvalidSignup: "Este link de cadastro não é válido",
  problemInvalidText:
    "Talvez ele esteja incompleto: alguns programas de e-mail cortam links longos em dois. Copie o link inteiro do e-mail para o navegador, ou peça um novo abaixo.",
  problemExpiredLogin: "Este link de acesso expirou",
  problemExpiredLoginText: "Links de acesso duram só alguns minutos, para manter sua conta segura. Peça um novo abaixo.",
  problemExpiredSignup: "Este link de cadastro expirou",
  problemExpiredSignupText: "Links de cadastro duram algumas horas. Peça um novo abaixo.",
  problemUsedLogin: "Este link de acesso já foi usado",
  problemUsedLoginText: "Links de acesso funcionam uma vez. Se você já o abriu, talvez já esteja conectado naquele dispositivo; se não, peça um novo abaixo.",
  problemUsedSignup: "Este link de cadastro já foi usado",
  problemUsedSignupText: "A conta para a qual ele servia já foi criada. Para entrar, peça um novo link abaixo: um endereço com conta recebe um link de acesso.",
  checkLoggedIn: "Verificar se você está conectado",
  sendNewLink: "Enviar um novo link",

  accountHeading: "Sua conta",
  detailsHeading: "Seus dados",
  saveDetails: "Salvar os dados",
  addressHeading: "Seu endereço",
  addressHint:
    "Um link vai para o novo endereço; a conta passa para ele quando o link é usado (em até uma hora), todos os dispositivos são desconectados e este endereço é avisado.",
  newEmailLabel: "Novo endereço de e-mail",
  sendToNewAddress: "Enviar um link para o novo endereço",
  devicesHeading: "Onde você está conectado",
  thisDevice: "(este dispositivo)",
  deviceFacts: ({ network, started, lastUsed }: { network: string; started: Child; lastUsed: string }) => (
    <>
      Rede {network} · conectado em {started} · último uso {lastUsed}
    </>
  ),
  logOutDevice: "Desconectar este dispositivo",
  logOutDeviceLabel: ({ device, lastUsed }: { device: string; lastUsed: string }) => `Desconectar este dispositivo: ${device}, último uso ${lastUsed}`,
  logOutOthers: "Sair de todos os outros lugares",
  deleteHeading: "Excluir sua conta",
  deleteText: "Isso remove sua conta, desconecta todos os dispositivos e cancela todos os links enviados a você. Não é possível desfazer.",
  deleteConfirm: "Quero excluir minha conta",
  deleteButton: "Excluir minha conta",
  reauthenticateEmail: "Para alterar seu endereço, entre de novo primeiro com um novo link: seu último acesso foi há mais de 10 minutos.",
  reauthenticateDelete: "Para excluir sua conta, entre de novo primeiro com um novo link: seu último acesso foi há mais de 10 minutos.",
  deletedHeading: "Sua conta foi excluída",
  deletedText: ({ email }: { email: Child }) => (
    <>A conta {email} e tudo relacionado a ela foram apagados; um aviso foi enviado para esse endereço. Você pode se cadastrar de novo quando quiser.</>
  ),
  changeHeading: "Alterar o endereço?",
  changeText: ({ from, to }: { from: Child; to: Child }) => (
    <>
      A conta {from} passará a usar {to}. O endereço antigo é avisado, e todos os dispositivos conectados à conta são desconectados.
    </>
  ),
  changeButton: ({ email }: { email: string }) => `Usar ${email}`,
  changedHeading: "Seu endereço foi alterado",
  changedText: ({ email }: { email: Child }) => (
    <>Sua conta passa a usar {email}. Todos os dispositivos foram desconectados: entre de novo com o novo endereço.</>
  ),
  logIn: "Entrar",
};
