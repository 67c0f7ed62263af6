/**
 * Vercel Functions on the Node runtime, configured from the environment:
 *
 *   // api/sesame.ts
 *   export { GET, POST } from "sesame/vercel-node";
 *
 * PostgreSQL from `DATABASE_URL` (Neon, Supabase, any PostgreSQL Vercel reaches; five
 * connections per instance unless `SESAME_PG_POOL_SIZE` says otherwise), plus the Workers
 * variables: `SESAME_BASE_URL`, `SESAME_SECRET`, `SESAME_MAIL_FROM`, one HTTP mail
 * provider, and the optional ones (see src/config/environment.ts). Node only
 * (node-postgres); for the Edge runtime see "sesame/vercel".
 */
import { ConfigError } from "../core/errors.js";
import { createSesame, type Sesame } from "../index.js";
import { openPostgres } from "../store/postgres-pool.js";
import { notStarted, startFromEnv } from "./env-options.js";
import { aesGcm, sha256 } from "./node.js";
import { handle, type VercelContext } from "./vercel.js";

// One Sesame per instance, opened by the first request: a function instance serves many requests.
let starting: Promise<Sesame> | undefined;

function sesame(): Promise<Sesame> {
  if (starting) return starting;
  const started = (async () => {
    // Vercel's proxy sets x-real-ip to the client's address, replacing whatever the client sent: the reader trusts it.
    const { options, database } = startFromEnv(process.env, "vercel");
    if (database?.type !== "postgres") throw new ConfigError("DATABASE_URL is not set", { variable: "DATABASE_URL" }); // refused by the reader already
    const { store, close } = await openPostgres(database.url, {
      poolSize: database.poolSize,
      statementTimeoutMs: database.statementTimeoutMs,
      prepareStatements: database.prepareStatements,
    });
    try {
      return createSesame({ ...options, store, sha256, aesGcm });
    } catch (error) {
      // A setting createSesame refuses: the next request opens a pool again, so close this one.
      await close();
      throw error;
    }
  })();
  starting = started;
  // A failed start (say, the database unreachable) is tried again by the next request.
  started.catch(() => {
    if (starting === started) starting = undefined;
  });
  return started;
}

export async function handleRequest(request: Request, context?: VercelContext): Promise<Response> {
  let started: Sesame;
  try {
    started = await sesame();
  } catch (error) {
    return notStarted(error);
  }
  return handle(started)(request, context);
}

export { handleRequest as GET, handleRequest as POST };
export default { fetch: handleRequest };
