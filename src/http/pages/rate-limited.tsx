import type { FC } from "hono/jsx";
import { home, type PageProps } from "./parts.js";

/** Says how long to wait, in words a person can act on. */
export function describeWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "a second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return minutes === 1 ? "a minute" : `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? "an hour" : `${hours} hours`;
}

/** POST /magic refused by a rate limit: when to try again, and that nothing was sent. */
export const RateLimitedPage: FC<PageProps<"rate-limited">> = ({ state, context }) => (
  <>
    <h1>Please wait a moment</h1>
    <p>
      We just sent a link to this address, or many were asked for from here. To protect inboxes, no new link was sent. Try again in{" "}
      {describeWait(state.retryAfterSeconds)}.
    </p>
    <p class="hint">
      A link sent earlier still works until it expires. <a href={home(context)}>Back to the start</a>
    </p>
  </>
);
