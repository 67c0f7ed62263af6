import type { FC } from "hono/jsx";
import { errorId, FieldError, home, type PageProps, route } from "./parts.js";
import type { PageContext } from "./state.js";
import { displayEmail } from "../../i18n/address.js";

/**
 * For reading the mail on another device: type the code here, or approve from there.
 * The status line is updated by assets/sesame.js, which polls `continue`; without
 * script, the button does the same.
 */
const CodeEntry: FC<{ context: PageContext; error: string | undefined; approvable: boolean; approvalNumber: string | undefined }> = ({
  context,
  error,
  approvable,
  approvalNumber,
}) => (
  <section class="code" aria-labelledby="code-heading">
    <h2 id="code-heading">Reading your mail on another device?</h2>
    <form method="post" action={route(context, "code")}>
      <div class="field">
        <label for="code">Type the 6-digit code from the mail</label>
        <input
          type="text"
          name="code"
          id="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9 ]*"
          maxlength={8}
          required
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? errorId("code") : undefined}
        />
        <FieldError for="code" message={error} />
      </div>
      <button type="submit">Continue with the code</button>
    </form>
    {approvable && approvalNumber ? (
      <form method="post" action={route(context, "continue")}>
        <p>
          Or open the link there and approve this device. You will be asked for this number:{" "}
          <strong class="approval-number" id="approval-number">
            {approvalNumber}
          </strong>
        </p>
        <p class="hint" id="approval-status" role="status" aria-live="polite" data-poll={route(context, "continue")}>
          This page continues by itself once you approve. Never tell anyone this number.
        </p>
        <button type="submit" class="secondary">
          I approved it on the other device
        </button>
      </form>
    ) : null}
  </section>
);

/** After asking for a link: says plainly whether it is a login or a sign-up link, and to which address. */
export const LinkSentPage: FC<PageProps<"link-sent">> = ({ state, context }) => (
  <>
    <h1>Check your inbox</h1>
    {state.notice ? (
      <p class="notice" role="status">
        {state.notice}
      </p>
    ) : null}
    {state.kind === "either" ? (
      <>
        <p>
          If <strong>{displayEmail(state.email)}</strong> can be used here, a link is on its way: a login link if the address has an account, a sign-up link if
          not.
        </p>
        <p class="hint">
          Nothing arrived? Check your spam folder and the address, or <a href={home(context)}>try again</a>.
        </p>
      </>
    ) : state.kind === "known" ? (
      <>
        <p>
          If <strong>{displayEmail(state.email)}</strong> has an account here, a login link is on its way. It works once and expires soon.
        </p>
        <p class="hint">
          New accounts cannot be made from this page. Nothing arrived? Check your spam folder and the address, or <a href={home(context)}>try again</a>.
        </p>
      </>
    ) : state.kind === "login" ? (
      <>
        <p>
          We sent a login link to <strong>{displayEmail(state.email)}</strong>. It works once and expires soon.
        </p>
        <p class="hint">
          Open it on this device to log in. Nothing arrived? Check your spam folder, or <a href={home(context)}>try again</a>.
        </p>
      </>
    ) : (
      <>
        <p>
          We sent a sign-up link to <strong>{displayEmail(state.email)}</strong>.
        </p>
        <p class="notice">No account uses this address yet — if you meant to log in, check the address.</p>
        <p class="hint">The link creates a new account. It works once.</p>
        <p>
          <a class="button secondary" href={home(context)}>
            Use a different address
          </a>
        </p>
      </>
    )}
    {state.withCode ? <CodeEntry context={context} error={state.codeError} approvable={state.kind !== "signup"} approvalNumber={state.approvalNumber} /> : null}
  </>
);
