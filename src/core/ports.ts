/**
 * The small interfaces the core is handed. Everything here is plain data and Web
 * APIs, so the same core runs on Node, workerd, Deno and Bun.
 */

export type * from "./ports/records.js";
export type * from "./ports/outbox.js";
export type * from "./ports/store.js";
export type * from "./ports/mail.js";
export type * from "./ports/runtime.js";
export type * from "./ports/hooks.js";
export type * from "./ports/events.js";
