import type { FC } from "hono/jsx";
import { CaptchaWidget, home, Honeypot, NextField, type PageProps, route, SubmitButton } from "./parts.js";
import { displayEmail } from "../../i18n/address.js";

/** A sign-up link for an address that has an account by now: offer a login link instead. */
export const AccountExistsPage: FC<PageProps<"account-exists">> = ({ state, context }) => (
  <>
    <h1>
      An account already uses <span class="address">{displayEmail(state.email)}</span>
    </h1>
    <p>This sign-up link can no longer be used, because the address has an account. Log in instead.</p>
    <form method="post" action={route(context, "magic")}>
      <input type="hidden" name="email" value={state.email} />
      <Honeypot />
      <NextField next={state.next} />
      <CaptchaWidget context={context} />
      <SubmitButton label="Send me a login link" />
    </form>
    <p class="hint">
      Not your address? <a href={home(context)}>Start again</a>.
    </p>
  </>
);
