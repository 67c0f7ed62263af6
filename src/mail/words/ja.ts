import type { MailWords } from "./words.js";

export const ja: Partial<MailWords> = {
  signupSubject: ({ app }) => `${app} の登録を完了してください`,
  signupHeading: ({ app }) => `${app} の登録を完了してください`,
  signupIntro: ({ app, to }) => `${to} で ${app} のアカウントを作成するよう依頼がありました。登録を完了するには、下のリンクを開いてください。`,
  signupAction: "登録を完了する",
  signupValidity: ({ validFor }) => `このリンクの有効期間は${validFor}です。`,
  signupIgnore: "心当たりがない場合は、このメールを無視してください。アカウントは作成されません。このリンクやコードは誰にも教えないでください。",

  loginSubject: ({ app }) => `${app} のログインリンク`,
  loginHeading: ({ app }) => `${app} にログイン`,
  loginIntro: ({ app, to }) => `${to} として ${app} にログインするよう依頼がありました。ログインするには、下のリンクを開いてください。`,
  loginAction: "ログイン",
  loginValidity: ({ validFor }) => `このリンクの有効期間は${validFor}で、使えるのは 1 回だけです。`,
  loginCaution:
    "このリンクやコードは決して他人に教えないでください。また、自分で依頼していないログインは決して承認しないでください。リンクやコードを持っている人、またはあなたが承認した人は、あなたとしてログインできてしまいます。",
  loginIgnore: "心当たりがない場合は、このメールを無視し、どの依頼も承認しないでください。あなたが操作しない限り、何も起こりません。",

  codeIntro: "または、依頼をしたページで、同じブラウザからこのコードを入力してください:",
  buttonFallback: "ボタンが機能しない場合は、このリンクをブラウザにコピーしてください:",

  noticeHeading: ({ app }) => `${app} への新しいログイン`,
  noticeIntroByCode: ({ app, to }) => `${app} のアカウント ${to} に、ログインメールのコードを使ったログインがありました。`,
  noticeIntroByApproval: ({ app, to }) => `${app} のアカウント ${to} に、別のデバイスからの承認によるログインがありました。`,
  factWhen: ({ when }) => `日時: ${when}`,
  factBrowser: ({ device }) => `ブラウザ: ${device}(ブラウザ自身の申告による)`,
  deviceOn: ({ browser, system }) => `${system} の ${browser}`,
  someBrowser: "ブラウザ",
  unknownBrowser: "不明なブラウザ",
  factNetwork: ({ network }) => `ネットワーク: ${network}`,
  networkUnknown: "不明",
  noticeAdvice:
    "ご自身によるものであれば、何もする必要はありません。そうでない場合は、誰かがあなたのコードを入手したか、あなたがその人の依頼を承認しています。" +
    "コードは決して他人に教えず、自分で依頼していないログインは決して承認しないでください。あなたのメールを読める人がいないか確認し、このサービスの運営者に連絡してください。",

  deletedHeading: ({ app }) => `${app} のアカウントが削除されました`,
  deletedIntro: ({ app, to }) => `${app} のアカウント ${to} は、セッションと未使用のリンクとともに削除されました。データは一切残っていません。`,
  deletedAdvice:
    "ご自身で削除した場合は、何もする必要はありません。このアドレスでいつでも再登録できます。" +
    "そうでない場合は、誰かがあなたのアカウントにログインしていました。あなたのメールを読める人がいないか確認し、このサービスの運営者に連絡してください。",

  changeHeading: ({ app }) => `${app} の新しいメールアドレスを確認してください`,
  changeIntro: ({ app, to }) => `${app} のアカウントにログインしている人が、今後 ${to} をそのアカウントのアドレスとして使うよう依頼しました。`,
  changeConfirm: ({ timeLeft }) => `確認するには、${timeLeft}以内に下のリンクを開いてください。リンクは 1 回だけ使えます。`,
  changeAdvice: "心当たりがない場合は、このメールを無視してください。リンクが使われない限り、何も変わりません。",

  changedHeading: ({ app }) => `${app} のアカウントのメールアドレスが変更されました`,
  changedIntro: ({ app, to, newEmail }) => `${to} を使っていた ${app} のアカウントは、今後 ${newEmail} を使います。ログインリンクは今後そちらに送られます。`,
  changedAdvice:
    "ご自身で変更した場合は、何もする必要はありません。そうでない場合は、誰かがあなたのアカウントにログインし、アドレスを変更しました。すぐにこのサービスの運営者に連絡してください。",
};
