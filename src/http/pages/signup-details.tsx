import type { FC } from "hono/jsx";
import type { ResolvedSignupField } from "../../options.js";
import { errorId, FieldError, NextField, type PageProps, route, SubmitButton } from "./parts.js";
import type { PageContext } from "./state.js";
import { displayEmail } from "../../i18n/address.js";

/** One sign-up field with its label and error; the account page edits the same fields. */
export const SignupField: FC<{ field: ResolvedSignupField; value: string | undefined; error: string | undefined; context: PageContext }> = ({
  field,
  value,
  error,
  context,
}) => (
  <div class="field">
    <label for={field.name}>
      {field.labels?.[context.locale] ?? field.label}
      {field.required ? null : <span class="optional"> {context.words.optional}</span>}
    </label>
    <input
      type="text"
      name={field.name}
      id={field.name}
      maxlength={field.maxLength}
      required={field.required}
      autocomplete={field.autocomplete}
      value={value ?? ""}
      aria-invalid={error ? "true" : undefined}
      aria-describedby={error ? errorId(field.name) : undefined}
    />
    <FieldError for={field.name} message={error} />
  </div>
);

/** Opened from a sign-up link: the account details, posted together with the token. */
export const SignupDetailsPage: FC<PageProps<"signup-details">> = ({ state, context }) => (
  <>
    <h1>{context.words.signupHeading}</h1>
    <p class="lead">{context.words.signupFor({ email: <strong>{displayEmail(state.email)}</strong> })}</p>
    <form method="post" action={route(context, "signup")}>
      {state.token === null ? null : <input type="hidden" name="token" value={state.token} />}
      <NextField next={state.next} />
      {state.fields.map((field) => (
        <SignupField field={field} value={state.values[field.name]} error={state.errors[field.name]} context={context} />
      ))}
      <SubmitButton label={context.words.signupButton} />
    </form>
    {state.token === null ? null : (
      <form method="post" action={route(context, "deny")}>
        <input type="hidden" name="token" value={state.token} />
        <button type="submit" class="link">
          {context.words.notMeSignup}
        </button>
      </form>
    )}
  </>
);
