import type { FC } from "hono/jsx";
import { EmailField, Honeypot, type PageProps, route, SubmitButton } from "./parts.js";

/** The one form: an address, and Sesame decides whether it gets a sign-up or a login link. */
export const HomePage: FC<PageProps<"home">> = ({ state, context }) => (
  <>
    <h1>{context.appName}</h1>
    <p class="lead">Log in or create an account with your e-mail address. No password needed.</p>
    <form method="post" action={route(context, "magic")}>
      <EmailField value={state.email} error={state.error} />
      <Honeypot />
      <SubmitButton label="Continue with e-mail" />
    </form>
    <p class="hint">
      We'll e-mail you a link: a sign-up link if the address is new, a login link if it has an account.
    </p>
  </>
);
