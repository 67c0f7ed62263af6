import type { FC } from "hono/jsx";
import { type PageProps, route, SubmitButton } from "./parts.js";
import { displayEmail } from "../../i18n/address.js";

/** The home page for someone already logged in. */
export const SignedInPage: FC<PageProps<"signed-in">> = ({ state, context }) => (
  <>
    <h1>{state.account.name ? context.words.hello({ name: state.account.name }) : context.words.welcome({ app: context.appName })}</h1>
    <p>{context.words.loggedInAs({ email: <strong>{displayEmail(state.account.email)}</strong> })}</p>
    <p>
      <a href={route(context, "account")}>{context.words.accountLink}</a>
    </p>
    <form method="post" action={route(context, "logout")}>
      <SubmitButton label={context.words.logOut} />
    </form>
  </>
);
