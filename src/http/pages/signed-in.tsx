import type { FC } from "hono/jsx";
import { type PageProps, route, SubmitButton } from "./parts.js";
import { displayEmail } from "../../i18n/address.js";

/** The home page for someone already logged in. */
export const SignedInPage: FC<PageProps<"signed-in">> = ({ state, context }) => (
  <>
    <h1>{state.account.name ? `Hello, ${state.account.name}` : `Welcome to ${context.appName}`}</h1>
    <p>
      You are logged in as <strong>{displayEmail(state.account.email)}</strong>.
    </p>
    <p>
      <a href={route(context, "account")}>Your account: details, devices, deletion</a>
    </p>
    <form method="post" action={route(context, "logout")}>
      <SubmitButton label="Log out" />
    </form>
  </>
);
