/**
 * Fresh PostgreSQL databases and schemas for tests, on the server the global setup provides.
 */
import pg from "pg";
import { inject } from "vitest";
import { openPostgres } from "../src/store/postgres-pool.js";

export function serverUrl(): string {
  return inject("databaseUrl");
}

let counter = 0;
function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

/** A new, empty database on the test server; its URL. */
export async function createDatabase(): Promise<string> {
  const name = uniqueName("sesame");
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.href;
}

/** A migrated store in a schema of its own, in a shared test database. */
export async function openTestPostgres(url: string, options: { prepareStatements?: boolean } = {}) {
  return openPostgres(url, { schema: uniqueName("s"), poolSize: 4, ...options });
}
