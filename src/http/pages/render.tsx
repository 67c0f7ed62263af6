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
  const w = context.words;
  switch (state.page) {
    case "home":
      return { title: w.titleHome, body: <HomePage state={state} context={context} /> };
    case "signed-in":
      return { title: w.titleSignedIn, body: <SignedInPage state={state} context={context} /> };
    case "link-sent":
      return {
        title: state.kind === "signup" ? w.titleSignupSent : state.kind === "login" ? w.titleLoginSent : w.titleCheckInbox,
        script: state.withCode && state.kind !== "signup",
        body: <LinkSentPage state={state} context={context} />,
      };
    case "rate-limited":
      return { title: w.titleRateLimited, body: <RateLimitedPage state={state} context={context} /> };
    case "approved":
      return { title: w.titleApproved, body: <ApprovedPage state={state} context={context} /> };
    case "denied":
      return { title: w.titleDenied, body: <DeniedPage state={state} context={context} /> };
    case "confirm-login":
      return { title: w.titleConfirmLogin, body: <ConfirmLoginPage state={state} context={context} /> };
    case "signup-details":
      return { title: w.titleSignupDetails, body: <SignupDetailsPage state={state} context={context} /> };
    case "link-problem":
      return {
        title: linkProblem(w, state.kind, state.reason).heading,
        body: <LinkProblemPage state={state} context={context} />,
      };
    case "account-exists":
      return { title: w.titleAccountExists, body: <AccountExistsPage state={state} context={context} /> };
    case "account":
      return { title: w.titleAccount, body: <AccountPage state={state} context={context} /> };
    case "email-change":
      return { title: w.titleEmailChange, body: <EmailChangePage state={state} context={context} /> };
    case "email-changed":
      return { title: w.titleEmailChanged, body: <EmailChangedPage state={state} context={context} /> };
    case "account-deleted":
      return { title: w.titleAccountDeleted, body: <AccountDeletedPage state={state} context={context} /> };
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
