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
    <h1>{context.words.confirmHeading({ email: displayEmail(state.email) })}</h1>
    <form method="post" action={route(context, "login")}>
      <input type="hidden" name="token" value={state.token} />
      <NextField next={state.next} />
      <SubmitButton label={context.words.confirmButton} />
    </form>
    {state.requester ? (
      <section class="approve" aria-labelledby="approve-heading">
        <h2 id="approve-heading">{context.words.otherDeviceHeading}</h2>
        <p>
          {context.words.requested({
            ago: state.requester.ago,
            time: <time datetime={state.requester.at.iso}>{state.requester.at.text}</time>,
            device: <strong>{state.requester.device}</strong>,
            network: <strong>{state.requester.network ?? context.words.unknownNetwork}</strong>,
          })}
        </p>
        <p class="notice">{context.words.approveWarning}</p>
        <form method="post" action={route(context, "approve")}>
          <input type="hidden" name="token" value={state.token} />
          <div class="field">
            <label for="number">{context.words.numberLabel}</label>
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
            {context.words.approveButton}
          </button>
        </form>
        <form method="post" action={route(context, "deny")}>
          <input type="hidden" name="token" value={state.token} />
          <button type="submit" class="link">
            {context.words.notMeCancel}
          </button>
        </form>
      </section>
    ) : (
      <p class="hint">{context.words.notAskedHint}</p>
    )}
  </>
);
