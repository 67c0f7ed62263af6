/** PostgreSQL's schema. */
import { schemaMigrations } from "./schema.js";

export const postgresMigrations = schemaMigrations("BIGINT");
