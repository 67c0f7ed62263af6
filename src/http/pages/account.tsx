import type { FC } from "hono/jsx";
import { SignupField } from "./signup-details.js";
import { home, type PageProps, route, SubmitButton } from "./parts.js";
import type { DeviceView } from "./state.js";

const Device: FC<{ device: DeviceView; context: PageProps<"account">["context"] }> = ({ device, context }) => (
  <li class="device">
    <p>
      <strong>{device.device}</strong>
      {device.current ? <span class="badge"> (this device)</span> : null}
    </p>
    <p class="hint">
      Network {device.network ?? "unknown"} · logged in <time datetime={device.started.iso}>{device.started.text}</time> · last used {device.lastUsed}
    </p>
    {device.current ? null : (
      <form method="post" action={route(context, "account/sessions/revoke")}>
        <input type="hidden" name="session" value={device.id} />
        <button type="submit" class="secondary" aria-label={`Log out this device: ${device.device}, last used ${device.lastUsed}`}>
          Log out this device
        </button>
      </form>
    )}
  </li>
);

/** The account page: details, devices, deletion. Every form posts to its own route and comes back here. */
export const AccountPage: FC<PageProps<"account">> = ({ state, context }) => {
  const others = state.devices.filter((device) => !device.current).length;
  return (
    <>
      <h1>Your account</h1>
      {state.notice ? (
        <p class="notice" role="status">
          {state.notice}
        </p>
      ) : null}
      <p class="lead">
        <strong>{state.account.email}</strong>
      </p>

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Your details</h2>
        <form method="post" action={route(context, "account/profile")}>
          {state.fields.map((field) => (
            <SignupField field={field} value={state.values[field.name]} error={state.errors[field.name]} />
          ))}
          <SubmitButton label="Save details" />
        </form>
      </section>

      <section aria-labelledby="devices-heading">
        <h2 id="devices-heading">Where you are logged in</h2>
        <ul class="devices">
          {state.devices.map((device) => (
            <Device device={device} context={context} />
          ))}
        </ul>
        {others > 0 ? (
          <form method="post" action={route(context, "account/sessions/revoke-others")}>
            <button type="submit" class="secondary">
              Log out everywhere else
            </button>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete your account</h2>
        {state.deletion === "reauthenticate" ? (
          <>
            <p role="alert">To delete your account, first log in again with a new link: your last login was more than 10 minutes ago.</p>
            <form method="post" action={route(context, "magic")}>
              <input type="hidden" name="email" value={state.account.email} />
              <input type="hidden" name="next" value={route(context, "account")} />
              <SubmitButton label="Send me a login link" />
            </form>
          </>
        ) : (
          <form method="post" action={route(context, "account/delete")}>
            <p>This removes your account, logs out every device and cancels every link sent to you. It cannot be undone.</p>
            <div class="field checkbox">
              <input type="checkbox" name="confirm" id="confirm-delete" value="yes" required />
              <label for="confirm-delete">I want to delete my account</label>
            </div>
            <button type="submit" class="danger">
              Delete my account
            </button>
          </form>
        )}
      </section>

      <form method="post" action={route(context, "logout")}>
        <button type="submit" class="link">
          Log out
        </button>
      </form>
    </>
  );
};

export const AccountDeletedPage: FC<PageProps<"account-deleted">> = ({ state, context }) => (
  <>
    <h1>Your account was deleted</h1>
    <p>
      The account <strong>{state.email}</strong> and everything about it is gone; a notice went to that address. You can sign up again at any time.
    </p>
    <p>
      <a href={home(context)}>Back to the start</a>
    </p>
  </>
);
