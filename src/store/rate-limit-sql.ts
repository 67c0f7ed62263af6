/**
 * Rate limits as SQL: each limit a row with its theoretical arrival time (a generic cell
 * rate; the core turns rules into charges). The limits of one request become a small
 * table the statements join, so that checking and charging them all is one statement each.
 */
import type { RateLimitCharge } from "../core/ports.js";
import type { SqlStatement, SqlValue } from "./executor.js";

/**
 * Statement texts that vary only with the number of limits, built once per number. Each
 * request then hands the executor the same string, which its prepared-statement cache
 * finds without hashing and comparing a fresh text of several hundred characters.
 */
const texts = new Map<string, string>();
export function text(key: string, build: () => string): string {
  let value = texts.get(key);
  if (value === undefined) texts.set(key, (value = build()));
  return value;
}

/** The limits as a table, from `count` rows of (key, step, tolerance) parameters starting at `?first`; casts type them for PostgreSQL. */
export function limitsTable(count: number, first: number): string {
  const rows = Array.from({ length: count }, (_, i) => {
    const n = first + i * 3;
    return `SELECT CAST(?${n} AS TEXT), CAST(?${n + 1} AS BIGINT), CAST(?${n + 2} AS BIGINT)`;
  });
  return `WITH limits (key, step, tolerance) AS (${rows.join(" UNION ALL ")})`;
}

export function limitsParams(limits: readonly RateLimitCharge[]): SqlValue[] {
  return limits.flatMap((limit) => [limit.key, limit.interval, limit.tolerance]);
}

/** The condition under which a new link may be stored: no limit exhausted (`?now` is the third parameter). */
export const LIMITS_ALLOW = "WHERE NOT EXISTS (SELECT 1 FROM rate_limits r JOIN limits l ON r.key = l.key WHERE r.tat - l.tolerance > ?3)";

/**
 * Takes each limit's row lock first, in key order, so that under PostgreSQL's read
 * committed isolation a concurrent request for the same key waits here and then sees
 * the committed count, instead of both passing the check. (A SQLite batch already holds
 * the write lock; there the caller leaves this out.)
 */
export function lockLimits(limits: readonly RateLimitCharge[]): SqlStatement {
  return {
    sql: text(
      `lock ${limits.length} limits`,
      () => `${limitsTable(limits.length, 1)}
      INSERT INTO rate_limits (key, tat) SELECT key, 0 FROM limits WHERE true ORDER BY key
      ON CONFLICT (key) DO UPDATE SET tat = rate_limits.tat`,
    ),
    params: limitsParams(limits),
  };
}

/**
 * Moves each limit's arrival time on if the link was stored; otherwise reports when the
 * first limit frees up (the second statement's `retry_at`). With `locked`, a refused
 * request also removes the rows the lock created, so it leaves nothing behind.
 */
export function chargeLimits(limits: readonly RateLimitCharge[], tokenHash: string, now: number, locked: boolean): SqlStatement[] {
  const count = limits.length;
  const values = limitsParams(limits);
  return [
    {
      sql: text(
        `charge ${count} limits`,
        () => `${limitsTable(count, 3)}
        INSERT INTO rate_limits (key, tat)
        SELECT l.key, ?2 + l.step FROM limits l WHERE EXISTS (SELECT 1 FROM link_tokens WHERE token_hash = ?1)
        ON CONFLICT (key) DO UPDATE SET tat = CASE WHEN rate_limits.tat > ?2 THEN rate_limits.tat ELSE ?2 END + excluded.tat - ?2`,
      ),
      params: [tokenHash, now, ...values],
    },
    {
      sql: text(
        `retry time of ${count} limits`,
        () => `${limitsTable(count, 3)}
        SELECT max(r.tat - l.tolerance) AS retry_at FROM rate_limits r JOIN limits l ON r.key = l.key
        WHERE r.tat - l.tolerance > ?2 AND NOT EXISTS (SELECT 1 FROM link_tokens WHERE token_hash = ?1)`,
      ),
      params: [tokenHash, now, ...values],
    },
    ...(locked
      ? [
          {
            sql: text(
              `unlock ${count} limits`,
              () => `${limitsTable(count, 2)}
        DELETE FROM rate_limits WHERE tat = 0 AND key IN (SELECT key FROM limits)
          AND NOT EXISTS (SELECT 1 FROM link_tokens WHERE token_hash = ?1)`,
            ),
            params: [tokenHash, ...values],
          },
        ]
      : []),
  ];
}
