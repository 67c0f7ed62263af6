import type { FC } from "hono/jsx";
import { NextField, type PageProps, route, SubmitButton } from "./parts.js";

/**
 * Opening a login link only shows this page; the button POSTs the token, so link
 * scanners that follow URLs in mail never log anyone in.
 */
export const ConfirmLoginPage: FC<PageProps<"confirm-login">> = ({ state, context }) => (
  <>
    <h1>Log in as {state.maskedEmail}?</h1>
    <p>Press the button to finish logging in to {context.appName}.</p>
    <form method="post" action={route(context, "login")}>
      <input type="hidden" name="token" value={state.token} />
      <NextField next={state.next} />
      <SubmitButton label="Log in" />
    </form>
    <p class="hint">If you did not ask to log in, close this page; nothing happens.</p>
  </>
);
