/** What every runtime gives in its own way: the time, randomness, hashing and logging. */

/** Milliseconds since the epoch. */
export type Clock = () => number;

/** SHA-256 of a UTF-8 string, as base64url: how every secret is stored. */
export type Sha256 = (text: string) => string | Promise<string>;

/** Fills the array with cryptographically strong random bytes and returns it. */
export type RandomSource = (bytes: Uint8Array) => Uint8Array;

export interface LogRecord {
  level: "info" | "warn" | "error";
  event: string;
  [field: string]: unknown;
}

export type Logger = (record: LogRecord) => void;
