/**
 * Every page is a pure function of its state: `renderPage(state, context)` returns
 * the whole HTML document. hono/jsx escapes all text and attribute values.
 */
import type { Child } from "hono/jsx";
import { AccountDeletedPage, AccountPage, EmailChangedPage, EmailChangePage } from "./account.js";
import { AccountExistsPage } from "./account-exists.js";
import { ApprovedPage, DeniedPage } from "./approval.js";
import { ConfirmLoginPage } from "./confirm-login.js";
import { DevMailboxPage } from "./dev-mailbox.js";
import { ErrorPage } from "./error.js";
import { HomePage } from "./home.js";
import { Layout } from "./layout.js";
import { linkProblem, LinkProblemPage } from "./link-problem.js";
import { LinkSentPage } from "./link-sent.js";
import { RateLimitedPage } from "./rate-limited.js";
import { SignedInPage } from "./signed-in.js";
import { SignupDetailsPage } from "./signup-details.js";
import type { PageContext, PageState } from "./state.js";

interface Chosen {
  title: string;
  body: Child;
  wide?: boolean;
  /** Load assets/sesame.js (the page waits for an approval). */
  script?: boolean;
}

function choose(state: PageState, context: PageContext): Chosen {
  switch (state.page) {
    case "home":
      return { title: "Log in or sign up", body: <HomePage state={state} context={context} /> };
    case "signed-in":
      return { title: "Logged in", body: <SignedInPage state={state} context={context} /> };
    case "link-sent":
      return {
        title: state.kind === "signup" ? "Sign-up link sent" : state.kind === "login" ? "Login link sent" : "Check your inbox",
        script: state.withCode && state.kind !== "signup",
        body: <LinkSentPage state={state} context={context} />,
      };
    case "rate-limited":
      return { title: "Too many requests", body: <RateLimitedPage state={state} context={context} /> };
    case "approved":
      return { title: "Login approved", body: <ApprovedPage state={state} context={context} /> };
    case "denied":
      return { title: "Request cancelled", body: <DeniedPage state={state} context={context} /> };
    case "confirm-login":
      return { title: "Log in", body: <ConfirmLoginPage state={state} context={context} /> };
    case "signup-details":
      return { title: "Create your account", body: <SignupDetailsPage state={state} context={context} /> };
    case "link-problem":
      return {
        title: linkProblem(state.kind, state.reason).heading,
        body: <LinkProblemPage state={state} context={context} />,
      };
    case "account-exists":
      return { title: "Account already exists", body: <AccountExistsPage state={state} context={context} /> };
    case "account":
      return { title: "Your account", body: <AccountPage state={state} context={context} /> };
    case "email-change":
      return { title: "Change the address", body: <EmailChangePage state={state} context={context} /> };
    case "email-changed":
      return { title: "Address changed", body: <EmailChangedPage state={state} context={context} /> };
    case "account-deleted":
      return { title: "Account deleted", body: <AccountDeletedPage state={state} context={context} /> };
    case "error":
      return { title: state.title, body: <ErrorPage state={state} context={context} /> };
    case "dev-mailbox":
      return { title: "Development mailbox", wide: true, body: <DevMailboxPage state={state} context={context} /> };
  }
}

export function renderPage(state: PageState, context: PageContext): string {
  const { title, body, wide, script } = choose(state, context);
  const html: unknown = (
    <Layout title={title} context={context} wide={wide} script={script}>
      {body}
    </Layout>
  ).toString();
  // Every component here is synchronous, so rendering is too (an async one would yield a Promise).
  if (typeof html !== "string") throw new Error("renderPage: a page rendered asynchronously");
  return "<!doctype html>" + html;
}
