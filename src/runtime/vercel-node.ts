/**
 * Vercel Functions on the Node runtime, configured from the environment:
 *
 *   // api/sesame.ts
 *   export { GET, POST } from "sesame/vercel-node";
 *
 * PostgreSQL from `DATABASE_URL` (Neon, Supabase, any PostgreSQL Vercel reaches), plus the
 * Workers variables: `SESAME_BASE_URL`, `MAIL_FROM`, one HTTP mail provider, and optionally
 * `SESAME_APP_NAME`, `SESAME_UNIFORM_RESPONSES`, `SESAME_RATE_LIMIT_ADDRESS`, `SESAME_RATE_LIMIT_CLIENT`.
 * Node only (node-postgres); for the Edge runtime see "sesame/vercel".
 */
import { SesameError } from "../core/errors.js";
import { createSesame, type Sesame } from "../index.js";
import { openPostgres } from "../store/postgres-pool.js";
import { notStarted, optionsFromEnv } from "./env-options.js";
import { sha256 } from "./node.js";
import { handle, type VercelContext } from "./vercel.js";

// One Sesame per instance, opened by the first request: a function instance serves many requests.
let starting: Promise<Sesame> | undefined;

function sesame(): Promise<Sesame> {
  if (starting) return starting;
  const env = process.env;
  const started = (async () => {
    const options = optionsFromEnv(env);
    if (!env.DATABASE_URL) throw new SesameError("invalid_options", "DATABASE_URL is not set");
    // A few connections per instance: Vercel runs many instances against the one database.
    const { store, close } = await openPostgres(env.DATABASE_URL, { poolSize: 5 });
    try {
      // Vercel's proxy sets x-real-ip to the client's address, replacing whatever the client sent.
      return createSesame({ ...options, store, sha256, trustProxy: { header: "x-real-ip" } });
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
