import type { FC } from "hono/jsx";
import { LinkRequestForm, type PageProps } from "./parts.js";

/** The one form: an address, and Sesame decides whether it gets a sign-up or a login link. */
export const HomePage: FC<PageProps<"home">> = ({ state, context }) => (
  <>
    <h1>{context.words.homeHeading}</h1>
    <p class="lead">{context.words.homeLead({ app: context.appName })}</p>
    <LinkRequestForm context={context} label={context.words.homeButton} value={state.email} error={state.error} next={state.next} />
  </>
);
