/**
 * Statements in PostgreSQL's spelling: numbered parameters, and values written into the
 * text as literals where the simple protocol takes no parameters (a batch of several
 * statements, or `EXECUTE` of a prepared one).
 */
import { SesameError } from "../core/errors.js";
import type { SqlStatement, SqlValue } from "./executor.js";

/** `?1` → `$1`: the store's numbered parameters in PostgreSQL's spelling. */
export function toNumberedParameters(sql: string): string {
  return sql.replace(/\?(\d+)/g, "$$$1");
}

export function inlineParameters({ sql, params }: SqlStatement): string {
  return sql.replace(/\?(\d+)/g, (_match, index: string) => {
    const position = Number(index) - 1;
    if (position < 0 || position >= params.length) throw cannotWrite(`statement has no parameter ?${index}`);
    return literal(params[position]!);
  });
}

/** A value as an SQL literal: NULL, a safe integer, or an E'' string with quotes and backslashes escaped. */
export function literal(value: SqlValue): string {
  if (value === null) return "NULL";
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw cannotWrite(`only safe integers are written as literals, got ${value}`);
    return String(value);
  }
  if (value.includes("\u0000")) throw cannotWrite("PostgreSQL text cannot hold NUL characters");
  return `E'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * A statement the store cannot send as it is: store_unavailable, the code the store gives
 * any write the database did not take (and SqlStore wraps every executor error in).
 */
function cannotWrite(message: string): SesameError {
  return new SesameError("store_unavailable", message);
}
