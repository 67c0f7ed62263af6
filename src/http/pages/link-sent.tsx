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
    <h2 id="code-heading">{context.words.codeHeading}</h2>
    <form method="post" action={route(context, "code")}>
      <div class="field">
        <label for="code">{context.words.codeLabel}</label>
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
      <button type="submit">{context.words.codeButton}</button>
    </form>
    {approvable && approvalNumber ? (
      <form method="post" action={route(context, "continue")}>
        <p>
          {context.words.approveHere({
            number: (
              <strong class="approval-number" id="approval-number">
                {approvalNumber}
              </strong>
            ),
          })}
        </p>
        <p class="hint" id="approval-status" role="status" aria-live="polite" data-poll={route(context, "continue")}>
          {context.words.approveWaiting}
        </p>
        <button type="submit" class="secondary">
          {context.words.approvedButton}
        </button>
      </form>
    ) : null}
  </section>
);

/** After asking for a link: says plainly whether it is a login or a sign-up link, and to which address. */
export const LinkSentPage: FC<PageProps<"link-sent">> = ({ state, context }) => {
  const w = context.words;
  const email = <strong>{displayEmail(state.email)}</strong>;
  const again = (text: string) => <a href={home(context)}>{text}</a>;
  return (
    <>
      <h1>{w.titleCheckInbox}</h1>
      {state.notice ? (
        <p class="notice" role="status">
          {state.notice}
        </p>
      ) : null}
      {state.kind === "either" ? (
        <>
          <p>{w.sentEither({ email })}</p>
          <p class="hint">{w.nothingArrived({ again })}</p>
        </>
      ) : state.kind === "known" ? (
        <>
          <p>{w.sentKnown({ email })}</p>
          <p class="hint">
            {w.sentKnownHint} {w.nothingArrived({ again })}
          </p>
        </>
      ) : state.kind === "login" ? (
        <>
          <p>{w.sentLogin({ email })}</p>
          <p class="hint">
            {w.sentLoginHint} {w.nothingArrived({ again })}
          </p>
        </>
      ) : (
        <>
          <p>{w.sentSignup({ email })}</p>
          <p class="notice">{w.sentSignupNotice}</p>
          <p class="hint">{w.sentSignupHint}</p>
          <p>
            <a class="button secondary" href={home(context)}>
              {w.useDifferentAddress}
            </a>
          </p>
        </>
      )}
      {state.withCode ? (
        <CodeEntry context={context} error={state.codeError} approvable={state.kind !== "signup"} approvalNumber={state.approvalNumber} />
      ) : null}
    </>
  );
};
