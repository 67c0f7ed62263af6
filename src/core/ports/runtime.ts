/** What every runtime gives in its own way: the time, randomness, hashing and logging. */
import type { Store } from "./store.js";

/** Milliseconds since the epoch. */
export type Clock = () => number;

/** SHA-256 of a UTF-8 string, as base64url: how every secret is stored. */
export type Sha256 = (text: string) => string | Promise<string>;

/**
 * AES-256-GCM encryption on a raw 32-byte key: the ciphertext followed by its 16-byte tag,
 * exactly as Web Crypto's AES-GCM gives it, so either side opens what the other sealed.
 * Optional: a runtime whose own is cheaper per call than Web Crypto's (Node) passes it.
 */
export type AesGcmEncrypt = (key: Uint8Array, iv: Uint8Array, additionalData: Uint8Array, plaintext: Uint8Array) => Uint8Array;

/** Fills the array with cryptographically strong random bytes and returns it. */
export type RandomSource = (bytes: Uint8Array) => Uint8Array;

export interface LogRecord {
  level: "info" | "warn" | "error";
  event: string;
  [field: string]: unknown;
}

export type Logger = (record: LogRecord) => void;

/** The outbox as a scrape sees it: mails waiting, the oldest one's creation time, and those a deliverer holds now. */
export interface OutboxStats {
  queued: number;
  oldestCreatedAt: number | null;
  inFlight: number;
}

/**
 * What records metrics (sesame/metrics makes one for Prometheus): it hears every log record,
 * the time each answer took on a route, and renders itself with the outbox's state.
 */
export interface MetricsCollector {
  log(record: LogRecord): void;
  observe(route: string, method: string, seconds: number): void;
  render(outbox: OutboxStats, now: number): string;
}

/**
 * What puts spans around the flows and the store's calls (sesame/tracing makes one for
 * OpenTelemetry). Each store call is one batch, one round trip, by the Store's contract.
 */
export interface Tracing {
  traceStore(store: Store): Store;
  traceFlows<F extends object>(flows: F): F;
}
