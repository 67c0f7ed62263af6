import type { FC } from "hono/jsx";
import { home, type PageProps } from "./parts.js";
import type { Locale } from "../../i18n/locales.js";

/** Says how long to wait, in words a person can act on: whole seconds, minutes or hours, rounded up. */
export function describeWait(locale: Locale, seconds: number): string {
  const unit = (n: number, name: "second" | "minute" | "hour") => new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "long" }).format(n);
  if (seconds < 60) return unit(seconds, "second");
  const minutes = Math.ceil(seconds / 60);
  return minutes < 60 ? unit(minutes, "minute") : unit(Math.ceil(minutes / 60), "hour");
}

/** POST /magic refused by a rate limit: when to try again, and that nothing was sent. */
export const RateLimitedPage: FC<PageProps<"rate-limited">> = ({ state, context }) => (
  <>
    <h1>{context.words.rateLimitedHeading}</h1>
    <p>{context.words.rateLimited({ wait: describeWait(context.locale, state.retryAfterSeconds) })}</p>
    <p class="hint">
      {context.words.rateLimitedHint} <a href={home(context)}>{context.words.backToStart}</a>
    </p>
  </>
);
