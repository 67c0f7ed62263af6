import type { FC } from "hono/jsx";
import type { MailMessage } from "../../core/ports.js";
import type { PageProps } from "./parts.js";

type StoredMessage = MailMessage & { id: number; sentAt: number };

/** Only http(s) URLs become links; anything else is shown as text. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

const Message: FC<{ message: StoredMessage }> = ({ message }) => {
  const time = new Date(message.sentAt).toISOString();
  return (
    <li class="message">
      <h2>{message.subject}</h2>
      <dl>
        <dt>Time</dt>
        <dd>
          <time datetime={time}>{time}</time>
        </dd>
        <dt>To</dt>
        <dd>{message.to}</dd>
        <dt>Kind</dt>
        <dd>{message.kind === "signup" ? "sign-up" : "login"}</dd>
        <dt>Link</dt>
        <dd class="link">{isWebUrl(message.url) ? <a href={message.url}>{message.url}</a> : message.url}</dd>
      </dl>
      <pre>{message.text}</pre>
    </li>
  );
};

/** Mail the development mailer kept instead of sending, newest first (as given). */
export const DevMailboxPage: FC<PageProps<"dev-mailbox">> = ({ state }) => (
  <>
    <h1>Development mailbox</h1>
    <p class="warning">
      <strong>For development only.</strong> This page exists only because the development mailer is in use: these messages were kept here, not sent. Never use
      the development mailer in production.
    </p>
    {state.messages.length === 0 ? (
      <p>No mail yet.</p>
    ) : (
      <ol class="mailbox">
        {state.messages.map((message) => (
          <Message message={message} />
        ))}
      </ol>
    )}
  </>
);
