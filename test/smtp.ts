/** A real SMTP server (smtp-server) for tests: takes every message and tells `onMail` its recipient, after `delayMs`. */
import { SMTPServer } from "smtp-server";

export function recordingSmtp(onMail: (to: string) => void, delayMs = 0): SMTPServer {
  return new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      stream.on("data", () => undefined);
      stream.on("end", () =>
        setTimeout(() => {
          onMail(session.envelope.rcptTo[0]!.address);
          callback();
        }, delayMs),
      );
    },
  });
}
