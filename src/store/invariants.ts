/**
 * The database's health: the rules no sequence of Sesame's steps may break (what
 * `sesame check` reports). Loaded when a check runs, never on a request's path.
 */

/**
 * What must hold after any sequence of Sesame's steps, however interrupted: each a
 * query for the rows that break it. (A crash mid-batch must leave none: batches are
 * transactions.)
 */
export const INVARIANTS: [string, string][] = [
  [
    "a used login link carries the session it started",
    `SELECT token_hash AS example FROM link_tokens
     WHERE kind = 'login' AND used_at IS NOT NULL AND denied_at IS NULL AND session_hash IS NULL`,
  ],
  [
    "an unused link carries no session",
    `SELECT token_hash AS example FROM link_tokens
     WHERE used_at IS NULL AND session_hash IS NOT NULL AND code_verified_at IS NULL`,
  ],
  [
    "a used sign-up link has its account",
    `SELECT t.token_hash AS example FROM link_tokens t
     WHERE t.kind = 'signup' AND t.used_at IS NOT NULL AND t.denied_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.email = t.email)`,
  ],
  ["no session without its account", `SELECT s.id_hash AS example FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = s.account_id)`],
  [
    "every account has its canonical address",
    `SELECT id AS example FROM accounts
     WHERE email <> lower(email) OR email NOT LIKE '_%@_%._%' OR email LIKE '% %'`,
  ],
  ["one account per address", `SELECT email AS example FROM accounts GROUP BY email HAVING count(*) > 1`],
  [
    "a login link belongs to an account with its address",
    `SELECT t.token_hash AS example FROM link_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.kind = 'login' AND a.email <> t.email`,
  ],
  [
    "a mail is queued only for a link that exists, to that link's address",
    `SELECT o.id AS example FROM mail_outbox o
     WHERE o.kind IN ('signup', 'login', 'notice') AND NOT EXISTS (SELECT 1 FROM link_tokens t WHERE t.token_hash = o.token_hash AND t.email = o.recipient
       AND t.kind = CASE WHEN o.kind = 'notice' THEN 'login' ELSE o.kind END)`,
  ],
  [
    "a change-of-address mail goes to the address its change names",
    `SELECT o.id AS example FROM mail_outbox o
     WHERE o.kind = 'email_change' AND NOT EXISTS (SELECT 1 FROM email_changes c WHERE c.token_hash = o.token_hash AND c.new_email = o.recipient)`,
  ],
  [
    "a login notice follows a login",
    `SELECT o.id AS example FROM mail_outbox o JOIN link_tokens t ON t.token_hash = o.token_hash
     WHERE o.kind = 'notice' AND (t.used_at IS NULL OR t.session_hash IS NULL)`,
  ],
  [
    "a sent or dropped mail keeps nothing sealed",
    `SELECT id AS example FROM mail_outbox WHERE (delivered_at IS NOT NULL OR dropped_at IS NOT NULL) AND sealed <> ''`,
  ],
  [
    "a decoy is a sign-up row never mailed, with nothing to match, never used",
    `SELECT t.token_hash AS example FROM link_tokens t
     WHERE t.decoy = 1 AND (t.kind <> 'signup' OR t.code_hash IS NOT NULL OR t.approval_hash IS NOT NULL OR t.session_hash IS NOT NULL
       OR (t.used_at IS NOT NULL AND t.denied_at IS NULL) OR EXISTS (SELECT 1 FROM mail_outbox o WHERE o.token_hash = t.token_hash))`,
  ],
  ["a leased mail has its deliverer", `SELECT id AS example FROM mail_outbox WHERE lease_until IS NOT NULL AND lease_owner IS NULL`],
];
