/** A real SMTP server (smtp-server) for tests: takes every message and tells `onMail` its recipient and raw text, after `delayMs`. */
import { SMTPServer } from "smtp-server";

export function recordingSmtp(onMail: (to: string, raw: Buffer) => void, delayMs = 0): SMTPServer {
  return new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () =>
        setTimeout(() => {
          onMail(session.envelope.rcptTo[0]!.address, Buffer.concat(chunks));
          callback();
        }, delayMs),
      );
    },
  });
}
