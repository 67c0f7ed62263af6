import type { FC } from "hono/jsx";
import type { LinkKind, TokenFailure } from "../../core/ports.js";
import { LinkRequestForm, type PageProps } from "./parts.js";
import type { PageWords } from "./words/index.js";

interface Problem {
  heading: string;
  message: string;
}

/** What to say about a link that cannot be used, by why and by kind. */
export function linkProblem(w: PageWords, kind: LinkKind, reason: TokenFailure): Problem {
  const login = kind === "login";
  switch (reason) {
    case "denied":
      return login
        ? { heading: w.problemDeniedLogin, message: w.problemDeniedLoginText }
        : { heading: w.problemDeniedSignup, message: w.problemDeniedSignupText };
    case "invalid":
      return { heading: login ? w.problemInvalidLogin : w.problemInvalidSignup, message: w.problemInvalidText };
    case "expired":
      return login
        ? { heading: w.problemExpiredLogin, message: w.problemExpiredLoginText }
        : { heading: w.problemExpiredSignup, message: w.problemExpiredSignupText };
    case "used":
      return login ? { heading: w.problemUsedLogin, message: w.problemUsedLoginText } : { heading: w.problemUsedSignup, message: w.problemUsedSignupText };
  }
}

/** A link that cannot be used, with a form to ask for a new one. */
export const LinkProblemPage: FC<PageProps<"link-problem">> = ({ state, context }) => {
  const problem = linkProblem(context.words, state.kind, state.reason);
  return (
    <>
      <h1>{problem.heading}</h1>
      <p>{problem.message}</p>
      {state.reason === "used" ? (
        // A double-click sends the link twice: the first request logged the person in.
        <p>
          <a href={context.basePath}>{context.words.checkLoggedIn}</a>
        </p>
      ) : null}
      <LinkRequestForm context={context} label={context.words.sendNewLink} next={state.next} />
    </>
  );
};
