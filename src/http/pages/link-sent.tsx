import type { FC } from "hono/jsx";
import { home, type PageProps } from "./parts.js";

/** After asking for a link: says plainly whether it is a login or a sign-up link, and to which address. */
export const LinkSentPage: FC<PageProps<"link-sent">> = ({ state, context }) => (
  <>
    <h1>Check your inbox</h1>
    {state.kind === "either" ? (
      <>
        <p>
          If <strong>{state.email}</strong> can be used here, a link is on its way: a login link if the address has
          an account, a sign-up link if not.
        </p>
        <p class="hint">
          Nothing arrived? Check your spam folder and the address, or <a href={home(context)}>try again</a>.
        </p>
      </>
    ) : state.kind === "login" ? (
      <>
        <p>
          We sent a login link to <strong>{state.email}</strong>. It works once and expires soon.
        </p>
        <p class="hint">
          Open it on this device to log in. Nothing arrived? Check your spam folder, or{" "}
          <a href={home(context)}>try again</a>.
        </p>
      </>
    ) : (
      <>
        <p>
          We sent a sign-up link to <strong>{state.email}</strong>.
        </p>
        <p class="notice">
          No account uses this address yet — if you meant to log in, check the address.
        </p>
        <p class="hint">The link creates a new account. It works once.</p>
        <p>
          <a class="button secondary" href={home(context)}>
            Use a different address
          </a>
        </p>
      </>
    )}
  </>
);
