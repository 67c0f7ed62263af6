import type { FC } from "hono/jsx";
import { home, type PageProps } from "./parts.js";

/** Approved here; the device that asked continues by itself. */
export const ApprovedPage: FC<PageProps<"approved">> = ({ context }) => (
  <>
    <h1>{context.words.approvedHeading}</h1>
    <p>{context.words.approvedText}</p>
    <p class="hint">
      {context.words.approvedHint} <a href={home(context)}>{context.appName}</a>
    </p>
  </>
);

/** "Not me": the request is cancelled. */
export const DeniedPage: FC<PageProps<"denied">> = ({ context }) => (
  <>
    <h1>{context.words.deniedHeading}</h1>
    <p>{context.words.deniedText}</p>
    <p class="hint">
      {context.words.deniedHint} <a href={home(context)}>{context.words.backToStart}</a>
    </p>
  </>
);
