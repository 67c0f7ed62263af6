/**
 * The Edge runtime variant: move this file to api/sesame.ts (replacing the Node one).
 * The Edge runtime has no SQLite file and no TCP sockets for node-postgres, so the
 * store is yours: a SqlExecutor over your database's HTTP API (a small object with
 * `batch()` and `isUniqueViolation()`; see src/store/executor.ts and src/store/d1.ts),
 * or any object implementing Sesame's Store interface.
 */
import { createResendMailer, createSesame, SqlStore, type SqlExecutor } from "sesame";
import { handle } from "sesame/vercel";

export const config = { runtime: "edge" };

declare function createMyExecutor(): SqlExecutor; // yours: your database over fetch

const sesame = createSesame({
  baseUrl: process.env.SESAME_BASE_URL!,
  // Migrate the database beforehand: for PostgreSQL, `DATABASE_URL=postgres://… npx sesame migrate`;
  // for a SQLite-speaking one, `await migrate(executor, sqliteMigrations)` (both from "sesame").
  store: new SqlStore(createMyExecutor()),
  mailer: createResendMailer({ apiKey: process.env.RESEND_API_KEY!, from: process.env.SESAME_MAIL_FROM! }),
  // Vercel's proxy sets x-real-ip to the client's address, replacing whatever the client sent.
  trustProxy: { header: "x-real-ip" },
});

export default handle(sesame);
