/**
 * Applies schema migrations in order, each in its own transaction together with the
 * row that records it, so two instances starting at once cannot apply one twice:
 * the second fails on that row's primary key and rolls back.
 */
import { SesameError } from "../core/errors.js";
import { sql, type SqlExecutor } from "./executor.js";

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export async function migrate(executor: SqlExecutor, migrations: readonly Migration[], now = Date.now()): Promise<number[]> {
  const applied = new Set<number>();
  try {
    const [, rows = []] = await executor.batch([
      sql(`CREATE TABLE IF NOT EXISTS sesame_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`),
      sql(`SELECT version FROM sesame_migrations`),
    ]);
    for (const row of rows) applied.add(Number(row.version));
  } catch (error) {
    throw new SesameError("store_unavailable", "Could not read the schema version", { cause: error });
  }

  const newlyApplied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    try {
      await executor.batch([
        sql(`INSERT INTO sesame_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)`, migration.version, migration.name, now),
        ...migration.statements.map((statement) => sql(statement)),
      ]);
      newlyApplied.push(migration.version);
    } catch (error) {
      // A unique violation may mean another instance applied it first, or that the migration itself failed on one.
      if (executor.isUniqueViolation(error) && (await isRecorded(executor, migration.version))) continue;
      throw new SesameError("migration_failed", `Migration ${migration.version} (${migration.name}) failed`, { cause: error });
    }
  }
  return newlyApplied;
}

async function isRecorded(executor: SqlExecutor, version: number): Promise<boolean> {
  const [rows = []] = await executor.batch([sql(`SELECT version FROM sesame_migrations WHERE version = ?1`, version)]);
  return rows.length > 0;
}
