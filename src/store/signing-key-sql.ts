/** Signing keys as SQL: listed, added once per generation, and purged once retired. */
import type { SigningKeyRecord } from "../core/ports.js";
import { sql, type Row, type SqlStatement } from "./executor.js";

export const listSigningKeysStatement: SqlStatement = sql(
  `SELECT generation, kid, public_jwk, private_sealed, activates_at, created_at FROM signing_keys ORDER BY generation`,
);

/** A generation already written by another instance wins: this insert then does nothing. */
export function addSigningKeyStatement(key: SigningKeyRecord): SqlStatement {
  return sql(
    `INSERT INTO signing_keys (generation, kid, public_jwk, private_sealed, activates_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
     ON CONFLICT (generation) DO NOTHING`,
    key.generation,
    key.kid,
    key.publicJwk,
    key.privateSealed,
    key.activatesAt,
    key.createdAt,
  );
}

/**
 * Keys older than the one that already signed at `before`: every token they signed expired
 * long ago (the horizon is a week back; a key leaves the published set about an hour after
 * its successor takes over).
 */
export function purgeSigningKeysStatement(before: number): SqlStatement {
  return sql(`DELETE FROM signing_keys WHERE generation < (SELECT MAX(generation) FROM signing_keys WHERE activates_at <= ?1) RETURNING kid`, before);
}

export function toSigningKey(row: Row): SigningKeyRecord {
  return {
    generation: Number(row.generation),
    kid: String(row.kid),
    publicJwk: String(row.public_jwk),
    privateSealed: String(row.private_sealed),
    activatesAt: Number(row.activates_at),
    createdAt: Number(row.created_at),
  };
}
