import type { FC } from "hono/jsx";
import { NextField, type PageProps, route, SubmitButton } from "./parts.js";

/**
 * Opening a login link in a browser that did not ask for it only shows this page: it
 * names the account (so nobody is logged into someone else's account unawares) and
 * every choice is a button that POSTs, so link scanners never log anyone in. When
 * another browser asked, the link can instead approve that browser, or refuse it.
 */
export const ConfirmLoginPage: FC<PageProps<"confirm-login">> = ({ state, context }) => (
  <>
    <h1>Log in as {state.maskedEmail}?</h1>
    {state.requester ? (
      <p>
        Asked for {state.requester.ago} from <strong>{state.requester.device}</strong>.
      </p>
    ) : null}
    <form method="post" action={route(context, "login")}>
      <input type="hidden" name="token" value={state.token} />
      <NextField next={state.next} />
      <SubmitButton label="Log in on this device" />
    </form>
    {state.requester ? (
      <>
        <form method="post" action={route(context, "approve")}>
          <input type="hidden" name="token" value={state.token} />
          <button type="submit" class="secondary">
            Approve the login on the device where you asked
          </button>
        </form>
        <form method="post" action={route(context, "deny")}>
          <input type="hidden" name="token" value={state.token} />
          <button type="submit" class="link">
            Not me: cancel this request
          </button>
        </form>
      </>
    ) : (
      <p class="hint">If you did not ask to log in, close this page; nothing happens.</p>
    )}
  </>
);
