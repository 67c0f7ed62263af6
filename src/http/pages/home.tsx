import type { FC } from "hono/jsx";
import { LinkRequestForm, type PageProps } from "./parts.js";

/** The one form: an address, and Sesame decides whether it gets a sign-up or a login link. */
export const HomePage: FC<PageProps<"home">> = ({ state, context }) => (
  <>
    <h1>Log in or sign up</h1>
    <p class="lead">Use your e-mail address to continue to {context.appName}. No password needed.</p>
    <LinkRequestForm context={context} label="Continue with e-mail" value={state.email} error={state.error} next={state.next} />
  </>
);
