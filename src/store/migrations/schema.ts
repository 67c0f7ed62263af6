/**
 * The schema, one list for every SQL database: they differ only in the type of the
 * millisecond timestamps (SQLite's INTEGER is 64-bit already; PostgreSQL needs BIGINT).
 * Kept as code rather than .sql files so that bundles for edge runtimes carry them.
 */
import type { Migration } from "../migrate.js";

/** The outbox's indexes, as each version that builds the table makes them. */
const OUTBOX_INDEXES = [
  `CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE delivered_at IS NULL AND dropped_at IS NULL`,
  `CREATE INDEX mail_outbox_by_expiry ON mail_outbox (expires_at)`,
];

const OUTBOX_COLUMNS = `id, token_hash, kind, recipient, sealed, created_at, expires_at, attempts, next_attempt_at,
           lease_owner, lease_until, delivered_at, dropped_at, last_error`;

export function schemaMigrations(time: "INTEGER" | "BIGINT"): Migration[] {
  return [
    {
      version: 1,
      name: "accounts, link tokens, sessions",
      statements: [
        `CREATE TABLE accounts (
          id TEXT PRIMARY KEY,
          -- canonical form (core/email.ts): ASCII, lower case; the check keeps any writer honest
          email TEXT NOT NULL UNIQUE CHECK (email = lower(email)),
          name TEXT,
          profile TEXT NOT NULL DEFAULT '{}',
          created_at ${time} NOT NULL
        )`,
        `CREATE TABLE link_tokens (
          token_hash TEXT PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('signup', 'login')),
          email TEXT NOT NULL,
          account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE,
          created_at ${time} NOT NULL,
          expires_at ${time} NOT NULL,
          used_at ${time},
          -- the session this token's redemption started: ties the statements of one redemption together
          session_hash TEXT,
          CHECK ((kind = 'login') = (account_id IS NOT NULL))
        )`,
        `CREATE INDEX link_tokens_by_expiry ON link_tokens (expires_at)`,
        `CREATE INDEX link_tokens_by_account ON link_tokens (account_id)`,
        `CREATE TABLE sessions (
          id_hash TEXT PRIMARY KEY,
          account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
          created_at ${time} NOT NULL,
          idle_expires_at ${time} NOT NULL,
          absolute_expires_at ${time} NOT NULL
        )`,
        `CREATE INDEX sessions_by_account ON sessions (account_id)`,
        `CREATE INDEX sessions_by_expiry ON sessions (idle_expires_at)`,
      ],
    },
    {
      version: 2,
      name: "rate limits",
      statements: [
        // One row per limited key (an address or a client, per period): its theoretical arrival time.
        `CREATE TABLE rate_limits (
          key TEXT PRIMARY KEY,
          tat ${time} NOT NULL
        )`,
        `CREATE INDEX rate_limits_by_tat ON rate_limits (tat)`,
      ],
    },
    {
      version: 3,
      name: "pending requests: browser proof, codes, approvals",
      statements: [
        // The hash of the secret in the requesting browser's cookie: proves "this is the browser that asked".
        `ALTER TABLE link_tokens ADD COLUMN pending_hash TEXT`,
        // The short code in the mail, hashed together with that secret, and how often it was guessed wrong.
        `ALTER TABLE link_tokens ADD COLUMN code_hash TEXT`,
        `ALTER TABLE link_tokens ADD COLUMN code_attempts INTEGER NOT NULL DEFAULT 0`,
        // A sign-up whose code was entered: its details form may be sent from the browser that asked.
        `ALTER TABLE link_tokens ADD COLUMN code_verified_at ${time}`,
        // A login approved from another device, or refused there ("Not me").
        `ALTER TABLE link_tokens ADD COLUMN approved_at ${time}`,
        `ALTER TABLE link_tokens ADD COLUMN denied_at ${time}`,
        // The requesting browser's User-Agent, shown on the approval page.
        `ALTER TABLE link_tokens ADD COLUMN requested_by TEXT`,
        `CREATE INDEX link_tokens_by_pending ON link_tokens (pending_hash)`,
      ],
    },
    {
      version: 4,
      name: "mail outbox",
      statements: [
        // One row per link mail, written with its token. `sealed` is the token (and code)
        // encrypted with the instance secret: a copy of the database holds no usable link.
        // Pending until delivered_at or dropped_at is set; a deliverer sends only under its lease.
        mailOutboxTable("mail_outbox", ["signup", "login"], time),
        ...OUTBOX_INDEXES,
      ],
    },
    {
      version: 5,
      name: "approval numbers, guesses per address, login notices",
      statements: [
        // The number the asking browser shows, hashed with the link's token: the approver must type it (S26).
        `ALTER TABLE link_tokens ADD COLUMN approval_hash TEXT`,
        `ALTER TABLE link_tokens ADD COLUMN approval_attempts INTEGER NOT NULL DEFAULT 0`,
        // The asking browser's network, already masked (203.0.113.x): shown on the approval page.
        `ALTER TABLE link_tokens ADD COLUMN requested_from TEXT`,
        // Until when the code and an approval work: the link's expiry, or sooner under uniform answers (S31).
        `ALTER TABLE link_tokens ADD COLUMN pending_expires_at ${time}`,
        // The request that last counted a wrong guess here: ties a guess to its charge per address (S27).
        `ALTER TABLE link_tokens ADD COLUMN guess_hash TEXT`,
        // A login notice is a mail of its own kind, so the outbox's CHECK changes: SQLite cannot alter
        // a CHECK, so the table is rebuilt (the same way on every database). Finished mails keep no
        // sealed content from now on (S32), so they are copied without it.
        mailOutboxTable("mail_outbox_next", ["signup", "login", "notice"], time),
        `INSERT INTO mail_outbox_next (id, token_hash, kind, recipient, sealed, created_at, expires_at, attempts, next_attempt_at,
           lease_owner, lease_until, delivered_at, dropped_at, last_error)
         SELECT id, token_hash, kind, recipient,
           CASE WHEN delivered_at IS NULL AND dropped_at IS NULL THEN sealed ELSE '' END,
           created_at, expires_at, attempts, next_attempt_at, lease_owner, lease_until, delivered_at, dropped_at, last_error
         FROM mail_outbox`,
        `DROP TABLE mail_outbox`,
        `ALTER TABLE mail_outbox_next RENAME TO mail_outbox`,
        ...OUTBOX_INDEXES,
        `CREATE INDEX link_tokens_by_email ON link_tokens (email)`,
      ],
    },
    {
      version: 6,
      name: "signing keys for access tokens",
      statements: [
        // One row per generation: two instances adding the next key at once end with one.
        `CREATE TABLE signing_keys (
          generation INTEGER PRIMARY KEY,
          kid TEXT NOT NULL UNIQUE,
          public_jwk TEXT NOT NULL,
          -- the private JWK, sealed under the secret (never usable from the database alone)
          private_sealed TEXT NOT NULL,
          activates_at ${time} NOT NULL,
          created_at ${time} NOT NULL
        )`,
      ],
    },
    {
      version: 7,
      name: "the account page: session details, account notices",
      statements: [
        // The browser as it claimed to be and its network with the last part hidden, kept at
        // login for the list of devices; when the session was last used, to a few minutes.
        `ALTER TABLE sessions ADD COLUMN user_agent TEXT`,
        `ALTER TABLE sessions ADD COLUMN client_network TEXT`,
        `ALTER TABLE sessions ADD COLUMN last_used_at ${time}`,
        `UPDATE sessions SET last_used_at = created_at`,
        // Notices about the account itself (its deletion, a change of address), which follow
        // no link, and the mail of an address change: two kinds more, so the table is rebuilt.
        mailOutboxTable("mail_outbox_next", ["signup", "login", "notice", "account", "email_change"], time),
        `INSERT INTO mail_outbox_next (${OUTBOX_COLUMNS}) SELECT ${OUTBOX_COLUMNS} FROM mail_outbox`,
        `DROP TABLE mail_outbox`,
        `ALTER TABLE mail_outbox_next RENAME TO mail_outbox`,
        ...OUTBOX_INDEXES,
        `CREATE INDEX mail_outbox_by_recipient ON mail_outbox (recipient)`,
      ],
    },
    {
      version: 8,
      name: "changes of address",
      statements: [
        // A link mailed to the new address (only its hash kept); using it moves the account there.
        // `confirmed_by`: the request that used it, so that the statements of that one step find it.
        `CREATE TABLE email_changes (
          token_hash TEXT PRIMARY KEY,
          account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
          new_email TEXT NOT NULL CHECK (new_email = lower(new_email)),
          created_at ${time} NOT NULL,
          expires_at ${time} NOT NULL,
          used_at ${time},
          confirmed_by TEXT
        )`,
        `CREATE INDEX email_changes_by_account ON email_changes (account_id, created_at)`,
        `CREATE INDEX email_changes_by_expiry ON email_changes (expires_at)`,
      ],
    },
    {
      version: 9,
      name: "account events and webhook deliveries",
      statements: [
        // What happened to an account, written in the batch of the change: the audit trail and
        // the webhooks' source. No foreign key: the events of a deleted account outlive it.
        `CREATE TABLE account_events (
          id TEXT PRIMARY KEY,
          type TEXT NOT NULL,
          account_id TEXT NOT NULL,
          email TEXT NOT NULL,
          detail TEXT,
          at ${time} NOT NULL
        )`,
        `CREATE INDEX account_events_by_account ON account_events (account_id, at)`,
        `CREATE INDEX account_events_by_time ON account_events (at)`,
        // One row per event and endpoint, delivered like the mail outbox (lease, retry, give up).
        `CREATE TABLE webhook_deliveries (
          id TEXT PRIMARY KEY,
          event_id TEXT NOT NULL REFERENCES account_events(id) ON DELETE CASCADE,
          endpoint TEXT NOT NULL,
          created_at ${time} NOT NULL,
          ${leasedColumns(time)}
        )`,
        `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND dropped_at IS NULL`,
        `CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries (event_id)`,
      ],
    },
    {
      version: 10,
      name: "sign-up decoys",
      statements: [
        // With sign-ups closed (or by invitation), an address without an account gets a row that
        // is never mailed and can never be used, stored and charged like a link, so that neither
        // the answer nor the rate limits tell whether the address has an account.
        `ALTER TABLE link_tokens ADD COLUMN decoy INTEGER NOT NULL DEFAULT 0`,
      ],
    },
  ];
}

/** The newest version this code brings a database to: a database behind it is not ready (/readyz). */
export const LATEST_SCHEMA_VERSION = Math.max(...schemaMigrations("INTEGER").map((migration) => migration.version));

/** The outbox table as each version of the schema creates it; only the kinds of mail differ. */
function mailOutboxTable(name: string, kinds: string[], time: "INTEGER" | "BIGINT"): string {
  return `CREATE TABLE ${name} (
          id TEXT PRIMARY KEY,
          token_hash TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN (${kinds.map((kind) => `'${kind}'`).join(", ")})),
          recipient TEXT NOT NULL,
          sealed TEXT NOT NULL,
          created_at ${time} NOT NULL,
          expires_at ${time} NOT NULL,
          ${leasedColumns(time)}
        )`;
}

/** What a row delivered under a lease keeps: its tries, the lease, how it ended (never both ways). */
function leasedColumns(time: "INTEGER" | "BIGINT"): string {
  return `attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at ${time} NOT NULL,
          lease_owner TEXT,
          lease_until ${time},
          delivered_at ${time},
          dropped_at ${time},
          last_error TEXT,
          CHECK (delivered_at IS NULL OR dropped_at IS NULL)`;
}
