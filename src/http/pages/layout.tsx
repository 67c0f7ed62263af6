/**
 * The document around every page: no inline scripts or styles, one stylesheet from
 * our own origin, and a script only for a configured captcha provider's widget
 * (the Content-Security-Policy allows exactly that).
 */
import type { Child, FC } from "hono/jsx";
import { CAPTCHA_SCRIPTS, home } from "./parts.js";
import type { PageContext } from "./state.js";
import { isRightToLeft, type Locale } from "../../i18n/locales.js";
import { PAGE_LOCALES } from "./words/index.js";

/** Each language's name in that language. */
const LANGUAGE_NAMES: Record<Locale, string> = {
  en: "English",
  de: "Deutsch",
  fr: "Français",
  es: "Español",
  "pt-BR": "Português (Brasil)",
  ja: "日本語",
  ar: "العربية",
};

export interface LayoutProps {
  /** What the page is about; the document title adds the app name. */
  title: string;
  context: PageContext;
  /** A wider card, for lists such as the development mailbox. */
  wide?: boolean;
  /** Load the page script (same origin; no inline script anywhere). */
  script?: boolean | undefined;
  children?: Child;
}

/** The product's logo (or its initial) and name, linking home. The name is the link's text, so the logo is decoration. */
const Brand: FC<{ context: PageContext }> = ({ context }) => (
  <a class="brand" href={home(context)}>
    {context.logoUrl ? (
      <img class="logo" src={context.logoUrl} alt="" />
    ) : (
      <span class="monogram" aria-hidden="true">
        {Array.from(context.appName.trim())[0]?.toUpperCase() ?? ""}
      </span>
    )}
    <span>{context.appName}</span>
  </a>
);

/** The languages the pages speak, each named in itself; choosing one sets the language cookie. */
const LanguageSwitch: FC<{ context: PageContext }> = ({ context }) => {
  // `path` ends where the language goes: "/signup?token=…&lang=" or, by default, the start page.
  const path = context.path ?? `${context.basePath}?lang=`;
  return (
    <nav class="languages" aria-label={context.words.languageSwitch}>
      <ul>
        {PAGE_LOCALES.map((locale) => (
          <li>
            <a href={`${path}${locale}`} lang={locale} hreflang={locale} aria-current={locale === context.locale ? "true" : undefined}>
              {LANGUAGE_NAMES[locale]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
};

export const Layout: FC<LayoutProps> = (props) => (
  <html lang={props.context.locale} dir={isRightToLeft(props.context.locale) ? "rtl" : "ltr"}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="color-scheme" content="light dark" />
      <meta name="referrer" content="no-referrer" />
      <meta name="robots" content="noindex, nofollow" />
      <title>{`${props.title} · ${props.context.appName}`}</title>
      <link rel="stylesheet" href={props.context.basePath + "assets/sesame.css"} />
      {props.context.stylesheetUrl ? <link rel="stylesheet" href={props.context.stylesheetUrl} /> : null}
      {/* An empty icon: browsers otherwise ask for /favicon.ico on every visit. */}
      <link rel="icon" href="data:," />
      {props.context.captcha ? <script src={CAPTCHA_SCRIPTS[props.context.captcha.provider]} async defer /> : null}
      {props.script ? <script src={props.context.basePath + "assets/sesame.js"} defer /> : null}
    </head>
    <body>
      <header class={props.wide ? "wide" : undefined}>
        <Brand context={props.context} />
      </header>
      <main class={props.wide ? "card wide" : "card"}>{props.children}</main>
      <LanguageSwitch context={props.context} />
    </body>
  </html>
);
