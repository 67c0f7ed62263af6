import type { FC } from "hono/jsx";
import { home, type PageProps } from "./parts.js";

/** Approved here; the device that asked continues by itself. */
export const ApprovedPage: FC<PageProps<"approved">> = ({ context }) => (
  <>
    <h1>Login approved</h1>
    <p>Go back to the device where you asked: it continues by itself within a few seconds.</p>
    <p class="hint">
      You can close this page. <a href={home(context)}>{context.appName}</a>
    </p>
  </>
);

/** "Not me": the request is cancelled. */
export const DeniedPage: FC<PageProps<"denied">> = ({ context }) => (
  <>
    <h1>Request cancelled</h1>
    <p>Nobody can use that link now. Nothing else changed.</p>
    <p class="hint">
      If you keep getting links you did not ask for, someone may be trying your address. <a href={home(context)}>Back to the start</a>
    </p>
  </>
);
