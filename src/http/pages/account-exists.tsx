import type { FC } from "hono/jsx";
import { CaptchaWidget, home, Honeypot, NextField, type PageProps, route, SubmitButton } from "./parts.js";
import { displayEmail } from "../../i18n/address.js";

/** A sign-up link for an address that has an account by now: offer a login link instead. */
export const AccountExistsPage: FC<PageProps<"account-exists">> = ({ state, context }) => (
  <>
    <h1>{context.words.accountExistsHeading({ email: <span class="address">{displayEmail(state.email)}</span> })}</h1>
    <p>{context.words.accountExistsText}</p>
    <form method="post" action={route(context, "magic")}>
      <input type="hidden" name="email" value={state.email} />
      <Honeypot context={context} />
      <NextField next={state.next} />
      <CaptchaWidget context={context} />
      <SubmitButton label={context.words.sendLoginLink} />
    </form>
    <p class="hint">{context.words.notYourAddress({ again: (text) => <a href={home(context)}>{text}</a> })}</p>
  </>
);
