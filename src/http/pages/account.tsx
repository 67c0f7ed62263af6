import type { FC } from "hono/jsx";
import { SignupField } from "./signup-details.js";
import { EmailField, home, type PageProps, route, SubmitButton } from "./parts.js";
import type { DeviceView } from "./state.js";
import { displayEmail } from "../../i18n/address.js";

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

/** For the two changes that need a recent login: a login link to the account's address that comes back here. */
const Reauthenticate: FC<{ what: string; email: string; context: PageProps<"account">["context"] }> = ({ what, email, context }) => (
  <>
    <p role="alert">To {what}, first log in again with a new link: your last login was more than 10 minutes ago.</p>
    <form method="post" action={route(context, "magic")}>
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="next" value={route(context, "account")} />
      <SubmitButton label="Send me a login link" />
    </form>
  </>
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
        <strong>{displayEmail(state.account.email)}</strong>
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

      <section aria-labelledby="email-heading">
        <h2 id="email-heading">Your address</h2>
        <p class="hint">
          A link goes to the new address; the account moves there when it is used (within an hour), every device is logged out, and this address is told.
        </p>
        {state.reauthenticate === "email" ? (
          <Reauthenticate what="change your address" email={state.account.email} context={context} />
        ) : (
          <form method="post" action={route(context, "account/email/request")}>
            <EmailField label="New e-mail address" value={state.newEmail?.value} error={state.newEmail?.error} />
            <button type="submit" class="secondary">
              Send a link to the new address
            </button>
          </form>
        )}
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
        {state.reauthenticate === "delete" ? (
          <Reauthenticate what="delete your account" email={state.account.email} context={context} />
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
      The account <strong>{displayEmail(state.email)}</strong> and everything about it is gone; a notice went to that address. You can sign up again at any
      time.
    </p>
    <p>
      <a href={home(context)}>Back to the start</a>
    </p>
  </>
);

export const EmailChangePage: FC<PageProps<"email-change">> = ({ state, context }) => (
  <>
    <h1>Change the address?</h1>
    <p>
      The account <strong>{displayEmail(state.currentEmail)}</strong> will use <strong>{displayEmail(state.newEmail)}</strong> from now on. The old address is
      told, and every device logged in to the account is logged out.
    </p>
    <form method="post" action={route(context, "account/email")}>
      <input type="hidden" name="token" value={state.token} />
      <SubmitButton label={`Use ${displayEmail(state.newEmail)}`} />
    </form>
  </>
);

export const EmailChangedPage: FC<PageProps<"email-changed">> = ({ state, context }) => (
  <>
    <h1>Your address is changed</h1>
    <p>
      Your account uses <strong>{displayEmail(state.email)}</strong> from now on. Every device was logged out: log in again with the new address.
    </p>
    <p>
      <a href={home(context)}>Log in</a>
    </p>
  </>
);
