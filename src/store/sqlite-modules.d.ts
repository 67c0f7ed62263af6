/**
 * The two built-in SQLite modules the Deno and Bun drivers open files with, declared
 * as far as they are used: @types/node 20 knows no node:sqlite, and nothing here
 * should need Bun's types. (Drop the node:sqlite part once @types/node ≥ 22 is used.)
 */
declare module "node:sqlite" {
  import type { NodeSqliteDatabase } from "./node-sqlite.js";
  export const DatabaseSync: new (path: string) => NodeSqliteDatabase;
}

declare module "bun:sqlite" {
  import type { BunSqliteDatabase } from "./bun-sqlite.js";
  export const Database: new (path: string, options?: { create?: boolean; strict?: boolean }) => BunSqliteDatabase & { exec(sql: string): unknown };
}
