import type { Child } from "hono/jsx";
import type { PageWords } from "./en.js";

export const ar: Partial<PageWords> = {
  languageSwitch: "اللغة",
  emailLabel: "عنوان البريد الإلكتروني",
  honeypotLabel: "اترك هذا الحقل فارغًا",
  linkRequestHint: "سنرسل إليك رابطًا بالبريد الإلكتروني: رابط تسجيل إذا كان العنوان جديدًا، أو رابط تسجيل دخول إذا كان له حساب.",
  backToStart: "العودة إلى البداية",
  optional: "(اختياري)",

  titleHome: "تسجيل الدخول أو التسجيل",
  titleSignedIn: "تم تسجيل الدخول",
  titleSignupSent: "أُرسل رابط التسجيل",
  titleLoginSent: "أُرسل رابط تسجيل الدخول",
  titleCheckInbox: "تحقّق من بريدك الوارد",
  titleRateLimited: "طلبات كثيرة جدًا",
  titleApproved: "تمت الموافقة على تسجيل الدخول",
  titleDenied: "أُلغي الطلب",
  titleConfirmLogin: "تسجيل الدخول",
  titleSignupDetails: "أنشئ حسابك",
  titleAccountExists: "الحساب موجود بالفعل",
  titleAccount: "حسابك",
  titleEmailChange: "تغيير العنوان",
  titleEmailChanged: "تم تغيير العنوان",
  titleAccountDeleted: "تم حذف الحساب",

  homeHeading: "تسجيل الدخول أو التسجيل",
  homeLead: ({ app }: { app: string }) => `استخدم عنوان بريدك الإلكتروني للمتابعة إلى ${app}. لا حاجة إلى كلمة مرور.`,
  homeButton: "المتابعة بالبريد الإلكتروني",

  hello: ({ name }: { name: string }) => `مرحبًا، ${name}`,
  welcome: ({ app }: { app: string }) => `مرحبًا بك في ${app}`,
  loggedInAs: ({ email }: { email: Child }) => <>أنت مسجّل الدخول باسم {email}.</>,
  accountLink: "حسابك: البيانات والأجهزة والحذف",
  logOut: "تسجيل الخروج",

  sentEither: ({ email }: { email: Child }) => (
    <>إذا كان من الممكن استخدام {email} هنا، فهناك رابط في طريقه إليك: رابط تسجيل دخول إذا كان للعنوان حساب، أو رابط تسجيل إذا لم يكن.</>
  ),
  sentKnown: ({ email }: { email: Child }) => <>إذا كان لـ {email} حساب هنا، فهناك رابط تسجيل دخول في طريقه إليك. يعمل مرة واحدة وتنتهي صلاحيته قريبًا.</>,
  sentKnownHint: "لا يمكن إنشاء حسابات جديدة من هذه الصفحة.",
  sentLogin: ({ email }: { email: Child }) => <>أرسلنا رابط تسجيل دخول إلى {email}. يعمل مرة واحدة وتنتهي صلاحيته قريبًا.</>,
  sentLoginHint: "افتحه على هذا الجهاز لتسجيل الدخول.",
  sentSignup: ({ email }: { email: Child }) => <>أرسلنا رابط تسجيل إلى {email}.</>,
  sentSignupNotice: "لا يوجد حساب بهذا العنوان بعد — إذا كنت تقصد تسجيل الدخول، فتحقّق من العنوان.",
  sentSignupHint: "ينشئ الرابط حسابًا جديدًا. يعمل مرة واحدة.",
  nothingArrived: ({ again }: { again: (text: string) => Child }) => (
    <>لم يصلك شيء؟ تحقّق من مجلد الرسائل غير المرغوب فيها ومن العنوان، أو {again("حاول مرة أخرى")}.</>
  ),
  useDifferentAddress: "استخدم عنوانًا آخر",
  codeHeading: "هل تقرأ بريدك على جهاز آخر؟",
  codeLabel: "اكتب الرمز المكوّن من 6 أرقام الوارد في الرسالة",
  codeButton: "المتابعة بالرمز",
  approveHere: ({ number }: { number: Child }) => <>أو افتح الرابط هناك ووافق على هذا الجهاز. سيُطلب منك هذا الرقم: {number}</>,
  approveWaiting: "تتابع هذه الصفحة من تلقاء نفسها بمجرد موافقتك. لا تُخبر أحدًا بهذا الرقم أبدًا.",
  approvedButton: "وافقت عليه على الجهاز الآخر",

  rateLimitedHeading: "يُرجى الانتظار قليلًا",
  rateLimited: ({ wait }: { wait: string }) =>
    `أرسلنا للتو رابطًا إلى هذا العنوان، أو طُلبت روابط كثيرة من هنا. لحماية صناديق البريد، لم يُرسل رابط جديد. حاول مرة أخرى بعد ${wait}.`,
  rateLimitedHint: "الرابط الذي أُرسل سابقًا يظل صالحًا حتى تنتهي صلاحيته.",

  approvedHeading: "تمت الموافقة على تسجيل الدخول",
  approvedText: "عد إلى الجهاز الذي طلبت منه: سيتابع من تلقاء نفسه خلال ثوانٍ.",
  approvedHint: "يمكنك إغلاق هذه الصفحة.",
  deniedHeading: "أُلغي الطلب",
  deniedText: "لا يمكن لأحد استخدام ذلك الرابط الآن. لم يتغيّر شيء آخر.",
  deniedHint: "إذا ظلّت تصلك روابط لم تطلبها، فقد يكون أحدهم يجرّب عنوانك.",
  confirmHeading: ({ email }: { email: string }) => `تسجيل الدخول باسم ${email}؟`,
  confirmButton: "تسجيل الدخول على هذا الجهاز",
  otherDeviceHeading: "أو اسمح لجهاز آخر بالدخول",
  requested: ({ ago, time, device, network }: { ago: string; time: Child; device: Child; network: Child }) => (
    <>
      طُلب تسجيل دخول {ago} ({time}) من متصفح يقول إنه {device}، على الشبكة {network}.
    </>
  ),
  unknownNetwork: "غير معروفة",
  approveWarning:
    "لا توافق إلا إذا كنت قد طلبت للتو من جهاز آخر وترى رقمًا هناك. الموافقة تُدخل ذلك الجهاز إلى حسابك. إذا طلب منك أحدهم هذا الرقم أو الموافقة، فلا تفعل: اختر «لست أنا».",
  numberLabel: "الرقم الظاهر على الجهاز الآخر",
  approveButton: "الموافقة على الجهاز الآخر",
  notMeCancel: "لست أنا: ألغِ هذا الطلب",
  notAskedHint: "إذا لم تطلب تسجيل الدخول، فأغلق هذه الصفحة؛ لن يحدث شيء.",

  signupHeading: "أنشئ حسابك",
  signupFor: ({ email }: { email: Child }) => <>للعنوان {email}</>,
  signupButton: "إنشاء الحساب",
  notMeSignup: "لست أنا: لم أطلب التسجيل",
  accountExistsHeading: ({ email }: { email: Child }) => <>يوجد حساب بالفعل يستخدم {email}</>,
  accountExistsText: "لم يعد من الممكن استخدام رابط التسجيل هذا، لأن للعنوان حسابًا. سجّل الدخول بدلًا من ذلك.",
  sendLoginLink: "أرسل إليّ رابط تسجيل دخول",
  notYourAddress: ({ again }: { again: (text: string) => Child }) => <>ليس عنوانك؟ {again("ابدأ من جديد")}.</>,

  problemDeniedLogin: "أُلغي طلب تسجيل الدخول هذا",
  problemDeniedLoginText: "اختار أحدهم «لست أنا» على جهاز آخر، لذا لا يمكن لأحد استخدام هذا الرابط. إذا كنت أنت، فاطلب رابطًا جديدًا أدناه.",
  problemDeniedSignup: "أُلغي رابط التسجيل هذا",
  problemDeniedSignupText: "لا يمكن لأحد استخدام هذا الرابط. إذا أردت التسجيل، فاطلب رابطًا جديدًا أدناه.",
  problemInvalidLogin: "رابط تسجيل الدخول هذا غير صالح",
  problemInvalidSignup: "رابط التسجيل هذا غير صالح",
  problemInvalidText: "ربما يكون ناقصًا: بعض برامج البريد تقسم الروابط الطويلة. انسخ الرابط كاملًا من الرسالة إلى متصفحك، أو اطلب رابطًا جديدًا أدناه.",
  problemExpiredLogin: "انتهت صلاحية رابط تسجيل الدخول هذا",
  problemExpiredLoginText: "روابط تسجيل الدخول صالحة لدقائق قليلة فقط، حفاظًا على أمان حسابك. اطلب رابطًا جديدًا أدناه.",
  problemExpiredSignup: "انتهت صلاحية رابط التسجيل هذا",
  problemExpiredSignupText: "روابط التسجيل صالحة لبضع ساعات. اطلب رابطًا جديدًا أدناه.",
  problemUsedLogin: "استُخدم رابط تسجيل الدخول هذا من قبل",
  problemUsedLoginText: "روابط تسجيل الدخول تعمل مرة واحدة. إذا كنت قد فتحته من قبل، فربما أنت مسجّل الدخول على ذلك الجهاز؛ وإلا فاطلب رابطًا جديدًا أدناه.",
  problemUsedSignup: "استُخدم رابط التسجيل هذا من قبل",
  problemUsedSignupText: "أُنشئ الحساب الذي كان الرابط له. للدخول، اطلب رابطًا جديدًا أدناه: العنوان الذي له حساب يصله رابط تسجيل دخول.",
  checkLoggedIn: "تحقّق مما إذا كنت مسجّل الدخول",
  sendNewLink: "أرسل رابطًا جديدًا",

  accountHeading: "حسابك",
  detailsHeading: "بياناتك",
  saveDetails: "حفظ البيانات",
  addressHeading: "عنوانك",
  addressHint: "يُرسل رابط إلى العنوان الجديد؛ وينتقل الحساب إليه عند استخدامه (خلال ساعة)، ويُسجَّل الخروج من كل الأجهزة، ويُبلَّغ هذا العنوان.",
  newEmailLabel: "عنوان البريد الإلكتروني الجديد",
  sendToNewAddress: "أرسل رابطًا إلى العنوان الجديد",
  devicesHeading: "الأجهزة التي سجّلت الدخول منها",
  thisDevice: "(هذا الجهاز)",
  deviceFacts: ({ network, started, lastUsed }: { network: string; started: Child; lastUsed: string }) => (
    <>
      الشبكة {network} · سُجّل الدخول {started} · آخر استخدام {lastUsed}
    </>
  ),
  logOutDevice: "تسجيل الخروج من هذا الجهاز",
  logOutDeviceLabel: ({ device, lastUsed }: { device: string; lastUsed: string }) => `تسجيل الخروج من هذا الجهاز: ${device}، آخر استخدام ${lastUsed}`,
  logOutOthers: "تسجيل الخروج من كل مكان آخر",
  deleteHeading: "حذف حسابك",
  deleteText: "يؤدي هذا إلى إزالة حسابك وتسجيل الخروج من كل الأجهزة وإلغاء كل رابط أُرسل إليك. لا يمكن التراجع عنه.",
  deleteConfirm: "أريد حذف حسابي",
  deleteButton: "احذف حسابي",
  reauthenticateEmail: "لتغيير عنوانك، سجّل الدخول أولًا من جديد برابط جديد: آخر تسجيل دخول لك كان قبل أكثر من 10 دقائق.",
  reauthenticateDelete: "لحذف حسابك، سجّل الدخول أولًا من جديد برابط جديد: آخر تسجيل دخول لك كان قبل أكثر من 10 دقائق.",
  deletedHeading: "تم حذف حسابك",
  deletedText: ({ email }: { email: Child }) => <>حُذف الحساب {email} وكل ما يخصّه؛ وأُرسل إشعار إلى ذلك العنوان. يمكنك التسجيل من جديد في أي وقت.</>,
  changeHeading: "تغيير العنوان؟",
  changeText: ({ from, to }: { from: Child; to: Child }) => (
    <>
      سيستخدم الحساب {from} العنوان {to} من الآن فصاعدًا. يُبلَّغ العنوان القديم، ويُسجَّل الخروج من كل جهاز مسجّل الدخول إلى الحساب.
    </>
  ),
  changeButton: ({ email }: { email: string }) => `استخدام ${email}`,
  changedHeading: "تم تغيير عنوانك",
  changedText: ({ email }: { email: Child }) => <>يستخدم حسابك {email} من الآن فصاعدًا. سُجّل الخروج من كل الأجهزة: سجّل الدخول من جديد بالعنوان الجديد.</>,
  logIn: "تسجيل الدخول",
};
