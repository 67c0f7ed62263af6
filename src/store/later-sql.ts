/**
 * The statements loaded with their first use (see sql-store.ts), in one module: a Worker's
 * bundle makes one chunk of them rather than a chunk each and more for what they share.
 * None is needed to answer a link request, a link's use or a session check (the hourly purge a
 * link request may start runs after its answer).
 */
export * from "./account-sql.js";
export * from "./cross-device-sql.js";
export * from "./email-change-sql.js";
export * from "./event-reads-sql.js";
export * from "./outbox-claim-sql.js";
export * from "./purge-sql.js";
export * from "./signing-key-sql.js";
