import type { FC } from "hono/jsx";
import type { LinkKind, TokenFailure } from "../../core/ports.js";
import { LinkRequestForm, type PageProps } from "./parts.js";

interface Problem {
  heading: string;
  message: string;
}

const PROBLEMS: Record<TokenFailure, Record<LinkKind, Problem>> = {
  denied: {
    login: {
      heading: "This login request was cancelled",
      message: "Someone answered “Not me” for it on another device, so nobody can use this link. If it was you, ask for a new one below.",
    },
    signup: {
      heading: "This sign-up link was cancelled",
      message: "Nobody can use this link. If you want to sign up, ask for a new one below.",
    },
  },
  invalid: {
    login: {
      heading: "This login link is not valid",
      message:
        "It may be incomplete: some mail programs cut long links in two. Copy the whole link from the e-mail into your browser, or ask for a new one below.",
    },
    signup: {
      heading: "This sign-up link is not valid",
      message:
        "It may be incomplete: some mail programs cut long links in two. Copy the whole link from the e-mail into your browser, or ask for a new one below.",
    },
  },
  expired: {
    login: {
      heading: "This login link has expired",
      message: "Login links last only a few minutes, to keep your account safe. Ask for a new one below.",
    },
    signup: {
      heading: "This sign-up link has expired",
      message: "Sign-up links last a few hours. Ask for a new one below.",
    },
  },
  used: {
    login: {
      heading: "This login link was already used",
      message: "Login links work once. If you opened it before, you may already be logged in on that device; otherwise ask for a new one below.",
    },
    signup: {
      heading: "This sign-up link was already used",
      message: "The account it was for has been created. To get in, ask for a new link below: an address with an account gets a login link.",
    },
  },
};

export function linkProblem(kind: LinkKind, reason: TokenFailure): Problem {
  return PROBLEMS[reason][kind];
}

/** A link that cannot be used, with a form to ask for a new one. */
export const LinkProblemPage: FC<PageProps<"link-problem">> = ({ state, context }) => {
  const problem = linkProblem(state.kind, state.reason);
  return (
    <>
      <h1>{problem.heading}</h1>
      <p>{problem.message}</p>
      {state.reason === "used" ? (
        // A double-click sends the link twice: the first request logged the person in.
        <p>
          <a href={context.basePath}>Check whether you are logged in</a>
        </p>
      ) : null}
      <LinkRequestForm context={context} label="Send a new link" next={state.next} />
    </>
  );
};
