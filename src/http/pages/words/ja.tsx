import type { Child } from "hono/jsx";
import type { PageWords } from "./en.js";

export const ja: Partial<PageWords> = {
  languageSwitch: "言語",
  emailLabel: "メールアドレス",
  honeypotLabel: "この欄は空のままにしてください",
  linkRequestHint: "メールでリンクをお送りします。新しいアドレスなら登録用のリンク、アカウントがあるアドレスならログイン用のリンクです。",
  backToStart: "最初に戻る",
  optional: "(任意)",

  titleHome: "ログインまたは登録",
  titleSignedIn: "ログイン済み",
  titleSignupSent: "登録用のリンクを送信しました",
  titleLoginSent: "ログイン用のリンクを送信しました",
  titleCheckInbox: "受信トレイを確認してください",
  titleRateLimited: "リクエストが多すぎます",
  titleApproved: "ログインを承認しました",
  titleDenied: "依頼を取り消しました",
  titleConfirmLogin: "ログイン",
  titleSignupDetails: "アカウントを作成",
  titleAccountExists: "アカウントはすでにあります",
  titleAccount: "アカウント",
  titleEmailChange: "アドレスの変更",
  titleEmailChanged: "アドレスを変更しました",
  titleAccountDeleted: "アカウントを削除しました",

  homeHeading: "ログインまたは登録",
  homeLead: ({ app }: { app: string }) => `メールアドレスを入力して ${app} に進んでください。パスワードは不要です。`,
  homeButton: "メールで続ける",

  hello: ({ name }: { name: string }) => `こんにちは、${name} さん`,
  welcome: ({ app }: { app: string }) => `${app} へようこそ`,
  loggedInAs: ({ email }: { email: Child }) => <>{email} としてログインしています。</>,
  accountLink: "アカウント: 登録情報、デバイス、削除",
  logOut: "ログアウト",

  sentEither: ({ email }: { email: Child }) => (
    <>{email} がここで使える場合は、リンクを送信しました。アカウントがあればログイン用、なければ登録用のリンクです。</>
  ),
  sentKnown: ({ email }: { email: Child }) => (
    <>{email} にアカウントがある場合は、ログイン用のリンクを送信しました。使えるのは 1 回だけで、まもなく期限が切れます。</>
  ),
  sentKnownHint: "このページから新しいアカウントは作成できません。",
  sentLogin: ({ email }: { email: Child }) => <>{email} にログイン用のリンクを送信しました。使えるのは 1 回だけで、まもなく期限が切れます。</>,
  sentLoginHint: "このデバイスで開くとログインできます。",
  sentSignup: ({ email }: { email: Child }) => <>{email} に登録用のリンクを送信しました。</>,
  sentSignupNotice: "このアドレスのアカウントはまだありません。ログインするつもりだった場合は、アドレスを確認してください。",
  sentSignupHint: "このリンクで新しいアカウントが作成されます。使えるのは 1 回だけです。",
  nothingArrived: ({ again }: { again: (text: string) => Child }) => (
    <>届きませんか?迷惑メールのフォルダーとアドレスを確認するか、{again("もう一度お試しください")}。</>
  ),
  useDifferentAddress: "別のアドレスを使う",
  codeHeading: "別のデバイスでメールを読んでいますか?",
  codeLabel: "メールに記載された 6 桁のコードを入力してください",
  codeButton: "コードで続ける",
  approveHere: ({ number }: { number: Child }) => <>または、そちらでリンクを開いてこのデバイスを承認してください。次の番号の入力を求められます: {number}</>,
  approveWaiting: "承認すると、このページは自動的に進みます。この番号は決して誰にも教えないでください。",
  approvedButton: "別のデバイスで承認しました",

  rateLimitedHeading: "しばらくお待ちください",
  rateLimited: ({ wait }: { wait: string }) =>
    `このアドレスにはリンクを送信したばかりか、ここから多くのリンクが依頼されました。受信トレイを守るため、新しいリンクは送信していません。${wait}後にもう一度お試しください。`,
  rateLimitedHint: "先に送信したリンクは、期限が切れるまで使えます。",

  approvedHeading: "ログインを承認しました",
  approvedText: "依頼したデバイスに戻ってください。数秒で自動的に進みます。",
  approvedHint: "このページは閉じてかまいません。",
  deniedHeading: "依頼を取り消しました",
  deniedText: "そのリンクはもう誰も使えません。ほかには何も変わっていません。",
  deniedHint: "依頼していないリンクが何度も届く場合は、誰かがあなたのアドレスを試しているのかもしれません。",
  confirmHeading: ({ email }: { email: string }) => `${email} としてログインしますか?`,
  confirmButton: "このデバイスでログイン",
  otherDeviceHeading: "または、別のデバイスを承認する",
  requested: ({ ago, time, device, network }: { ago: string; time: Child; device: Child; network: Child }) => (
    <>
      {ago}({time})、{device} と名乗るブラウザから、ネットワーク {network} でログインが依頼されました。
    </>
  ),
  unknownNetwork: "不明",
  approveWarning:
    "承認するのは、今まさに別のデバイスで依頼していて、そこに番号が表示されている場合だけにしてください。承認すると、そのデバイスがあなたのアカウントにログインします。誰かにこの番号や承認を求められても、応じないでください。「自分ではない」を選んでください。",
  numberLabel: "別のデバイスに表示されている番号",
  approveButton: "別のデバイスを承認",
  notMeCancel: "自分ではない: この依頼を取り消す",
  notAskedHint: "ログインを依頼していない場合は、このページを閉じてください。何も起こりません。",

  signupHeading: "アカウントを作成",
  signupFor: ({ email }: { email: Child }) => <>{email} 用</>,
  signupButton: "アカウントを作成",
  notMeSignup: "自分ではない: 登録を依頼していません",
  accountExistsHeading: ({ email }: { email: Child }) => <>{email} を使うアカウントはすでにあります</>,
  accountExistsText: "このアドレスにはアカウントがあるため、この登録用のリンクはもう使えません。代わりにログインしてください。",
  sendLoginLink: "ログイン用のリンクを送る",
  notYourAddress: ({ again }: { again: (text: string) => Child }) => <>あなたのアドレスではありませんか?{again("最初からやり直す")}。</>,

  problemDeniedLogin: "このログインの依頼は取り消されました",
  problemDeniedLoginText: "別のデバイスで「自分ではない」が選ばれたため、このリンクは誰も使えません。ご自身だった場合は、下で新しいリンクを依頼してください。",
  problemDeniedSignup: "この登録用のリンクは取り消されました",
  problemDeniedSignupText: "このリンクは誰も使えません。登録したい場合は、下で新しいリンクを依頼してください。",
  problemInvalidLogin: "このログイン用のリンクは無効です",
  problemInvalidSignup: "この登録用のリンクは無効です",
  problemInvalidText:
    "リンクが途中で切れているのかもしれません。長いリンクを 2 つに分けてしまうメールソフトがあります。メールからリンク全体をブラウザにコピーするか、下で新しいリンクを依頼してください。",
  problemExpiredLogin: "このログイン用のリンクは期限が切れています",
  problemExpiredLoginText: "アカウントを守るため、ログイン用のリンクは数分しか使えません。下で新しいリンクを依頼してください。",
  problemExpiredSignup: "この登録用のリンクは期限が切れています",
  problemExpiredSignupText: "登録用のリンクは数時間使えます。下で新しいリンクを依頼してください。",
  problemUsedLogin: "このログイン用のリンクはすでに使われています",
  problemUsedLoginText:
    "ログイン用のリンクは 1 回しか使えません。すでに開いた場合は、そのデバイスでログインしているかもしれません。そうでなければ、下で新しいリンクを依頼してください。",
  problemUsedSignup: "この登録用のリンクはすでに使われています",
  problemUsedSignupText:
    "このリンクで作るはずのアカウントは作成済みです。入るには、下で新しいリンクを依頼してください。アカウントのあるアドレスにはログイン用のリンクが届きます。",
  checkLoggedIn: "ログインしているか確認する",
  sendNewLink: "新しいリンクを送る",

  accountHeading: "アカウント",
  detailsHeading: "登録情報",
  saveDetails: "登録情報を保存",
  addressHeading: "メールアドレス",
  addressHint:
    "新しいアドレスにリンクが届きます。リンクが(1 時間以内に)使われるとアカウントはそのアドレスに移り、すべてのデバイスがログアウトし、このアドレスにも通知が届きます。",
  newEmailLabel: "新しいメールアドレス",
  sendToNewAddress: "新しいアドレスにリンクを送る",
  devicesHeading: "ログイン中のデバイス",
  thisDevice: "(このデバイス)",
  deviceFacts: ({ network, started, lastUsed }: { network: string; started: Child; lastUsed: string }) => (
    <>
      ネットワーク {network} · ログイン {started} · 最終利用 {lastUsed}
    </>
  ),
  logOutDevice: "このデバイスをログアウト",
  logOutDeviceLabel: ({ device, lastUsed }: { device: string; lastUsed: string }) => `このデバイスをログアウト: ${device}、最終利用 ${lastUsed}`,
  logOutOthers: "ほかのすべてのデバイスをログアウト",
  deleteHeading: "アカウントを削除",
  deleteText: "アカウントを削除し、すべてのデバイスをログアウトし、送信済みのリンクをすべて無効にします。元に戻すことはできません。",
  deleteConfirm: "アカウントを削除します",
  deleteButton: "アカウントを削除",
  reauthenticateEmail: "アドレスを変更するには、まず新しいリンクでもう一度ログインしてください。最後のログインから 10 分以上たっています。",
  reauthenticateDelete: "アカウントを削除するには、まず新しいリンクでもう一度ログインしてください。最後のログインから 10 分以上たっています。",
  deletedHeading: "アカウントを削除しました",
  deletedText: ({ email }: { email: Child }) => <>アカウント {email} とその情報はすべて削除され、そのアドレスに通知を送りました。いつでも再登録できます。</>,
  changeHeading: "アドレスを変更しますか?",
  changeText: ({ from, to }: { from: Child; to: Child }) => (
    <>
      アカウント {from} は今後 {to} を使います。古いアドレスには通知が届き、このアカウントにログインしているすべてのデバイスはログアウトします。
    </>
  ),
  changeButton: ({ email }: { email: string }) => `${email} を使う`,
  changedHeading: "アドレスを変更しました",
  changedText: ({ email }: { email: Child }) => (
    <>アカウントは今後 {email} を使います。すべてのデバイスをログアウトしました。新しいアドレスでもう一度ログインしてください。</>
  ),
  logIn: "ログイン",
};
