import type { FC } from "hono/jsx";
import { errorId, FieldError, NextField, type PageProps, route, SubmitButton } from "./parts.js";
import { displayEmail } from "../../i18n/address.js";

/**
 * Opening a login link in a browser that did not ask for it only shows this page: it
 * names the account (so nobody is logged into someone else's account unawares) and
 * every choice is a button that POSTs, so link scanners never log anyone in.
 *
 * When a browser asked, the link can instead approve that browser, or refuse it. Anyone
 * can ask for a link to someone else's address, so approving must prove that the person
 * approving sees the asking screen: they type the number shown there (S26), and the page
 * says plainly what approving does and when not to.
 */
export const ConfirmLoginPage: FC<PageProps<"confirm-login">> = ({ state, context }) => (
  <>
    <h1>Log in as {displayEmail(state.email)}?</h1>
    <form method="post" action={route(context, "login")}>
      <input type="hidden" name="token" value={state.token} />
      <NextField next={state.next} />
      <SubmitButton label="Log in on this device" />
    </form>
    {state.requester ? (
      <section class="approve" aria-labelledby="approve-heading">
        <h2 id="approve-heading">Or let another device in</h2>
        <p>
          A login was asked for {state.requester.ago} (<time datetime={state.requester.at.iso}>{state.requester.at.text}</time>) from a browser that says it is{" "}
          <strong>{state.requester.device}</strong>, on the network <strong>{state.requester.network ?? "unknown"}</strong>.
        </p>
        <p class="notice">
          Approve only if you asked on another device just now and see a number there. Approving logs that device in to your account. If someone asks you for
          this number or to approve, do not: choose “Not me”.
        </p>
        <form method="post" action={route(context, "approve")}>
          <input type="hidden" name="token" value={state.token} />
          <div class="field">
            <label for="number">The number shown on the other device</label>
            <input
              type="text"
              name="number"
              id="number"
              inputmode="numeric"
              autocomplete="off"
              pattern="[0-9]{2}"
              minlength={2}
              maxlength={2}
              required
              aria-invalid={state.numberError ? "true" : undefined}
              aria-describedby={state.numberError ? errorId("number") : undefined}
            />
            <FieldError for="number" message={state.numberError} />
          </div>
          <button type="submit" class="secondary">
            Approve the other device
          </button>
        </form>
        <form method="post" action={route(context, "deny")}>
          <input type="hidden" name="token" value={state.token} />
          <button type="submit" class="link">
            Not me: cancel this request
          </button>
        </form>
      </section>
    ) : (
      <p class="hint">If you did not ask to log in, close this page; nothing happens.</p>
    )}
  </>
);
