/** SQLite's schema (also Cloudflare D1's). */
import { schemaMigrations } from "./schema.js";

export const sqliteMigrations = schemaMigrations("INTEGER");
