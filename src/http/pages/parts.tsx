/**
 * Small pieces the pages share: paths, the e-mail field, the honeypot and error text.
 * hono/jsx escapes every text child and attribute value, so user data goes in as is.
 */
import type { FC } from "hono/jsx";
import type { PageContext, PageState } from "./state.js";

/** The state of one page, e.g. `StateOf<"home">`. */
export type StateOf<P extends PageState["page"]> = Extract<PageState, { page: P }>;

/** Props every page component takes. */
export interface PageProps<P extends PageState["page"]> {
  state: StateOf<P>;
  context: PageContext;
}

export type Route =
  | "magic"
  | "login"
  | "signup"
  | "logout"
  | "code"
  | "approve"
  | "deny"
  | "continue"
  | "account"
  | "account/profile"
  | "account/sessions/revoke"
  | "account/sessions/revoke-others"
  | "account/delete"
  | "account/email"
  | "account/email/request";

/** The path of a route under the base path; `home(context)` is the base path itself. */
export function route(context: PageContext, name: Route): string {
  return context.basePath + name;
}

export function home(context: PageContext): string {
  return context.basePath;
}

/** The id of the element that explains what is wrong with field `name`. */
export function errorId(name: string): string {
  return `${name}-error`;
}

/** Text explaining what is wrong with a field; the field points at it with `aria-describedby`. */
export const FieldError: FC<{ for: string; message: string | undefined }> = (props) =>
  props.message ? (
    <p class="error" role="alert" id={errorId(props.for)}>
      {props.message}
    </p>
  ) : null;

/** The labelled e-mail input, with its error when there is one. */
export const EmailField: FC<{ context: PageContext; value?: string | undefined; error?: string | undefined; label?: string }> = (props) => (
  <div class="field">
    <label for="email">{props.label ?? props.context.words.emailLabel}</label>
    <input
      type="email"
      name="email"
      id="email"
      autocomplete="email"
      inputmode="email"
      spellcheck={false}
      required
      value={props.value ?? ""}
      aria-invalid={props.error ? "true" : undefined}
      aria-describedby={props.error ? errorId("email") : undefined}
    />
    <FieldError for="email" message={props.error} />
  </div>
);

/**
 * A field people never see and bots fill in: moved off-screen by the `.hp` rule,
 * out of the tab order, hidden from assistive technology, and labelled in case it is found.
 */
export const Honeypot: FC<{ context: PageContext }> = ({ context }) => (
  <div class="hp" aria-hidden="true">
    <label for="website">{context.words.honeypotLabel}</label>
    <input type="text" name="website" id="website" tabindex={-1} autocomplete="off" value="" />
  </div>
);

export const SubmitButton: FC<{ label: string }> = (props) => <button type="submit">{props.label}</button>;

/** Carries where to land after logging in through the next form. */
export const NextField: FC<{ next: string | undefined }> = (props) =>
  props.next === undefined ? null : <input type="hidden" name="next" value={props.next} />;

/** The captcha provider's widget; its script is loaded by the layout. */
export const CaptchaWidget: FC<{ context: PageContext }> = ({ context }) => {
  const captcha = context.captcha;
  if (!captcha) return null;
  return <div class={captcha.provider === "turnstile" ? "cf-turnstile" : "h-captcha"} data-sitekey={captcha.siteKey} />;
};

/** Where each provider's widget script lives. */
export const CAPTCHA_SCRIPTS = {
  turnstile: "https://challenges.cloudflare.com/turnstile/v0/api.js",
  hcaptcha: "https://js.hcaptcha.com/1/api.js",
} as const;

/** The one form that asks for a link, with the line that explains which kind will come. */
export const LinkRequestForm: FC<{
  context: PageContext;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  next?: string | undefined;
}> = (props) => (
  <>
    <form method="post" action={route(props.context, "magic")}>
      <EmailField context={props.context} value={props.value} error={props.error} />
      <Honeypot context={props.context} />
      <NextField next={props.next} />
      <CaptchaWidget context={props.context} />
      <SubmitButton label={props.label} />
    </form>
    <p class="hint">{props.context.words.linkRequestHint}</p>
  </>
);
