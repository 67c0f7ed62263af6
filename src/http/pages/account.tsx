import type { FC } from "hono/jsx";
import { SignupField } from "./signup-details.js";
import { EmailField, home, type PageProps, route, SubmitButton } from "./parts.js";
import type { DeviceView } from "./state.js";
import { displayEmail } from "../../i18n/address.js";

const Device: FC<{ device: DeviceView; context: PageProps<"account">["context"] }> = ({ device, context }) => (
  <li class="device">
    <p>
      <strong>{device.device}</strong>
      {device.current ? <span class="badge"> {context.words.thisDevice}</span> : null}
    </p>
    <p class="hint">
      {context.words.deviceFacts({
        network: device.network ?? context.words.unknownNetwork,
        started: <time datetime={device.started.iso}>{device.started.text}</time>,
        lastUsed: device.lastUsed,
      })}
    </p>
    {device.current ? null : (
      <form method="post" action={route(context, "account/sessions/revoke")}>
        <input type="hidden" name="session" value={device.id} />
        <button type="submit" class="secondary" aria-label={context.words.logOutDeviceLabel({ device: device.device, lastUsed: device.lastUsed })}>
          {context.words.logOutDevice}
        </button>
      </form>
    )}
  </li>
);

/** For the two changes that need a recent login: a login link to the account's address that comes back here. */
const Reauthenticate: FC<{ why: string; email: string; context: PageProps<"account">["context"] }> = ({ why, email, context }) => (
  <>
    <p role="alert">{why}</p>
    <form method="post" action={route(context, "magic")}>
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="next" value={route(context, "account")} />
      <SubmitButton label={context.words.sendLoginLink} />
    </form>
  </>
);

/** The account page: details, devices, deletion. Every form posts to its own route and comes back here. */
export const AccountPage: FC<PageProps<"account">> = ({ state, context }) => {
  const others = state.devices.filter((device) => !device.current).length;
  const w = context.words;
  return (
    <>
      <h1>{w.accountHeading}</h1>
      {state.notice ? (
        <p class="notice" role="status">
          {state.notice}
        </p>
      ) : null}
      <p class="lead">
        <strong>{displayEmail(state.account.email)}</strong>
      </p>

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{w.detailsHeading}</h2>
        <form method="post" action={route(context, "account/profile")}>
          {state.fields.map((field) => (
            <SignupField field={field} value={state.values[field.name]} error={state.errors[field.name]} context={context} />
          ))}
          <SubmitButton label={w.saveDetails} />
        </form>
      </section>

      <section aria-labelledby="email-heading">
        <h2 id="email-heading">{w.addressHeading}</h2>
        <p class="hint">{w.addressHint}</p>
        {state.reauthenticate === "email" ? (
          <Reauthenticate why={w.reauthenticateEmail} email={state.account.email} context={context} />
        ) : (
          <form method="post" action={route(context, "account/email/request")}>
            <EmailField context={context} label={w.newEmailLabel} value={state.newEmail?.value} error={state.newEmail?.error} />
            <button type="submit" class="secondary">
              {w.sendToNewAddress}
            </button>
          </form>
        )}
      </section>

      <section aria-labelledby="devices-heading">
        <h2 id="devices-heading">{w.devicesHeading}</h2>
        <ul class="devices">
          {state.devices.map((device) => (
            <Device device={device} context={context} />
          ))}
        </ul>
        {others > 0 ? (
          <form method="post" action={route(context, "account/sessions/revoke-others")}>
            <button type="submit" class="secondary">
              {w.logOutOthers}
            </button>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">{w.deleteHeading}</h2>
        {state.reauthenticate === "delete" ? (
          <Reauthenticate why={w.reauthenticateDelete} email={state.account.email} context={context} />
        ) : (
          <form method="post" action={route(context, "account/delete")}>
            <p>{w.deleteText}</p>
            <div class="field checkbox">
              <input type="checkbox" name="confirm" id="confirm-delete" value="yes" required />
              <label for="confirm-delete">{w.deleteConfirm}</label>
            </div>
            <button type="submit" class="danger">
              {w.deleteButton}
            </button>
          </form>
        )}
      </section>

      <form method="post" action={route(context, "logout")}>
        <button type="submit" class="link">
          {w.logOut}
        </button>
      </form>
    </>
  );
};

export const AccountDeletedPage: FC<PageProps<"account-deleted">> = ({ state, context }) => (
  <>
    <h1>{context.words.deletedHeading}</h1>
    <p>{context.words.deletedText({ email: <strong>{displayEmail(state.email)}</strong> })}</p>
    <p>
      <a href={home(context)}>{context.words.backToStart}</a>
    </p>
  </>
);

export const EmailChangePage: FC<PageProps<"email-change">> = ({ state, context }) => (
  <>
    <h1>{context.words.changeHeading}</h1>
    <p>{context.words.changeText({ from: <strong>{displayEmail(state.currentEmail)}</strong>, to: <strong>{displayEmail(state.newEmail)}</strong> })}</p>
    <form method="post" action={route(context, "account/email")}>
      <input type="hidden" name="token" value={state.token} />
      <SubmitButton label={context.words.changeButton({ email: displayEmail(state.newEmail) })} />
    </form>
  </>
);

export const EmailChangedPage: FC<PageProps<"email-changed">> = ({ state, context }) => (
  <>
    <h1>{context.words.changedHeading}</h1>
    <p>{context.words.changedText({ email: <strong>{displayEmail(state.email)}</strong> })}</p>
    <p>
      <a href={home(context)}>{context.words.logIn}</a>
    </p>
  </>
);
