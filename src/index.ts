/**
 * Sesame: passwordless sign-up and login by e-mail link.
 *
 *   const sesame = createSesame({ baseUrl, store, mailer });
 *   export default { fetch: sesame.fetch };
 */
export { createSesame, type Caller, type Sesame } from "./sesame.js";
export type { SesameVariables } from "./http/require-account.js";
export { ConfigError, SesameError, type SesameErrorCode } from "./core/errors.js";
export { canonicalizeEmail, maskEmail } from "./core/email.js";
export type * from "./core/ports.js";
export type { AccessTokenOptions, SesameOptions, SignupField } from "./options.js";
export type { WebhookOptions } from "./config/webhook-options.js";
export type {
  DeletionOutcome,
  EmailChangeOutcome,
  EmailChangeRequestOutcome,
  Device,
  ProfileOutcome,
  Unauthenticated,
  AccessTokenOutcome,
  ApprovalClaimOutcome,
  ApprovalOutcome,
  CodeOutcome,
  IssuedSession,
  LinkInspection,
  LinkRequest,
  LinkRequestOptions,
  LoginOutcome,
  PublicJwk,
  RequestContext,
  SignupOutcome,
} from "./core/flows.js";
export type { ValidSession } from "./core/sessions/session.js";
export { SqlStore } from "./store/sql-store.js";
export type { SqlExecutor, SqlStatement, SqlValue, Row } from "./store/executor.js";
export { createSqliteExecutor, type SqliteDatabase } from "./store/sqlite.js";
export { createNodeSqliteExecutor, type NodeSqliteDatabase } from "./store/node-sqlite.js";
export { createBunSqliteExecutor, type BunSqliteDatabase } from "./store/bun-sqlite.js";
export { createD1Executor, type D1Database } from "./store/d1.js";
export { createPostgresExecutor, type PgQueryable, type PostgresExecutorOptions } from "./store/postgres.js";
export { migrate, type Migration } from "./store/migrate.js";
export { sqliteMigrations } from "./store/migrations/sqlite.js";
export { postgresMigrations } from "./store/migrations/postgres.js";
export { DevMailbox } from "./mail/dev.js";
export { createResendMailer, type ResendMailerOptions } from "./mail/http/resend.js";
export { createPostmarkMailer, type PostmarkMailerOptions } from "./mail/http/postmark.js";
export { createSesMailer, type SesMailerOptions } from "./mail/http/ses.js";
export { renderLinkMail } from "./mail/templates.js";
export type { AppMailRenderer, MailToRender } from "./mail/custom-renderer.js";
