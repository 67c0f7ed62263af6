/**
 * A host app in this process for the browser suite: a real HTTP server on a free loopback
 * port, a SQLite file of its own, and a handler built once the origin is known (Sesame's base
 * URL and the pages' URL name it).
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { Store } from "../../src/index.js";
import { openSqliteFile } from "../../src/store/sqlite-file.js";

export interface InProcessHost {
  origin: string;
  close(): Promise<void>;
}

export async function startHost(build: (origin: string, store: Store) => (request: Request) => Promise<Response>): Promise<InProcessHost> {
  const dir = mkdtempSync(join(tmpdir(), "sesame-host-"));
  const db = await openSqliteFile(join(dir, "sesame.db"));
  let handler: (request: Request) => Promise<Response> = async () => new Response("starting", { status: 503 });
  const server = serve({ fetch: (request) => handler(request), port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  handler = build(origin, db.store);
  return {
    origin,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
