/**
 * The statements loaded with their first use (see sql-store.ts), in one module: a Worker's
 * bundle makes one chunk of them rather than a chunk each and more for what they share.
 */
export * from "./cross-device-sql.js";
export * from "./email-change-sql.js";
