import type { MailWords } from "./words.js";

export const ptBR: Partial<MailWords> = {
  signupSubject: ({ app }) => `Conclua seu cadastro no ${app}`,
  signupHeading: ({ app }) => `Conclua seu cadastro no ${app}`,
  signupIntro: ({ app, to }) => `Alguém pediu para criar uma conta no ${app} para ${to}. Para concluir o cadastro, abra o link abaixo.`,
  signupAction: "Concluir cadastro",
  signupValidity: ({ validFor }) => `Este link é válido por ${validFor}.`,
  signupIgnore: "Se você não pediu isso, pode ignorar este e-mail com segurança: nenhuma conta é criada. Nunca compartilhe este link nem o código com ninguém.",

  loginSubject: ({ app }) => `Seu link de acesso ao ${app}`,
  loginHeading: ({ app }) => `Entrar no ${app}`,
  loginIntro: ({ app, to }) => `Alguém pediu para entrar no ${app} como ${to}. Para entrar, abra o link abaixo.`,
  loginAction: "Entrar",
  loginValidity: ({ validFor }) => `Este link é válido por ${validFor} e só pode ser usado uma vez.`,
  loginCaution:
    "Nunca compartilhe este link nem o código, e nunca aprove um acesso que você mesmo não pediu: quem os tiver, ou quem você aprovar, entra como você.",
  loginIgnore: "Se você não pediu isso, ignore este e-mail e não aprove nenhuma solicitação: nada acontece sem você.",

  codeIntro: "Ou digite este código na página em que você fez o pedido, no mesmo navegador:",
  buttonFallback: "Se o botão não funcionar, copie este link no seu navegador:",

  noticeHeading: ({ app }) => `Novo acesso ao ${app}`,
  noticeIntroByCode: ({ app, to }) => `Sua conta no ${app} ${to} acabou de ser acessada com o código de um e-mail de acesso.`,
  noticeIntroByApproval: ({ app, to }) => `Sua conta no ${app} ${to} acabou de ser acessada por meio de uma aprovação em outro dispositivo.`,
  factWhen: ({ when }) => `Quando: ${when}`,
  factBrowser: ({ device }) => `Navegador: ${device} (como ele se identifica)`,
  deviceOn: ({ browser, system }) => `${browser} no ${system}`,
  someBrowser: "um navegador",
  unknownBrowser: "um navegador desconhecido",
  factNetwork: ({ network }) => `Rede: ${network}`,
  networkUnknown: "desconhecida",
  noticeAdvice:
    "Se foi você, não há nada a fazer. Se não foi: alguém tem o seu código ou você aprovou a solicitação dessa pessoa. " +
    "Nunca compartilhe um código e nunca aprove um acesso que você mesmo não pediu; verifique quem pode ler seus e-mails e avise os responsáveis por este serviço.",

  deletedHeading: ({ app }) => `Sua conta no ${app} foi excluída`,
  deletedIntro: ({ app, to }) => `A conta no ${app} ${to} foi excluída, junto com suas sessões e links pendentes. Nada dela é mantido.`,
  deletedAdvice:
    "Se foi você que a excluiu, não há nada a fazer; você pode se cadastrar de novo com este endereço quando quiser. " +
    "Se não foi: alguém estava conectado à sua conta. Verifique quem pode ler seus e-mails e avise os responsáveis por este serviço.",

  changeHeading: ({ app }) => `Confirme seu novo endereço no ${app}`,
  changeIntro: ({ app, to }) => `Alguém conectado a uma conta no ${app} pediu para usar ${to} como endereço dela a partir de agora.`,
  changeConfirm: ({ timeLeft }) => `Para confirmar, abra o link abaixo em até ${timeLeft}; ele só funciona uma vez.`,
  changeAdvice: "Se você não pediu isso, ignore este e-mail: nada muda se o link não for usado.",

  changedHeading: ({ app }) => `O endereço da sua conta no ${app} foi alterado`,
  changedIntro: ({ app, to, newEmail }) =>
    `A conta no ${app} que usava ${to} agora usa ${newEmail}. Os links de acesso serão enviados para lá a partir de agora.`,
  changedAdvice:
    "Se foi você que o alterou, não há nada a fazer. Se não foi: alguém estava conectado à sua conta e trocou o endereço dela. Avise imediatamente os responsáveis por este serviço.",
};
