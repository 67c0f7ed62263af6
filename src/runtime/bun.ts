/**
 * Sesame on Bun: a SQLite file through bun:sqlite, served with Bun.serve.
 *
 *   bun dist/runtime/bun.js
 *
 * Configured by the same environment variables as `sesame serve` (PORT, HOST,
 * SESAME_BASE_URL, SESAME_DB, SESAME_MAILER=dev or file:PATH, …), or an HTTP mail
 * provider (RESEND_API_KEY, …, with SESAME_MAIL_FROM). SIGTERM or SIGINT stops it
 * after the requests in flight.
 */
import { openBunSqliteFile } from "../store/bun-sqlite-file.js";
import { ConfigError } from "./config.js";
import { listeningUrl, prepareStandalone, startupProblem, type Standalone } from "./standalone.js";

// Only what is used of Bun's namespace, so this file type-checks without Bun's types.
interface BunServer {
  hostname: string;
  port: number;
  requestIP(request: Request): { address: string } | null;
  stop(closeActiveConnections?: boolean): Promise<void>;
}
declare const Bun: {
  env: Record<string, string | undefined>;
  serve(options: {
    port: number;
    hostname: string;
    development: boolean;
    fetch(request: Request, server: BunServer): Response | Promise<Response>;
  }): BunServer;
};

async function main(): Promise<number> {
  let app: Standalone;
  let server: BunServer;
  try {
    app = await prepareStandalone("Bun", Bun.env, openBunSqliteFile);
    try {
      server = Bun.serve({
        port: app.config.port,
        hostname: app.config.host,
        // Development mode would answer an unexpected error with its stack trace.
        development: false,
        fetch: (request, server) => app.sesame.fetch(request, { remoteAddress: server.requestIP(request)?.address }),
      });
    } catch (error) {
      await app.close();
      throw new ConfigError(`cannot listen on ${app.config.host}:${app.config.port}: ${(error as Error).message}`);
    }
  } catch (error) {
    const problem = startupProblem(error);
    if (!problem) throw error;
    console.error(problem);
    return 1;
  }
  for (const notice of app.notices) console.log(notice);
  // Last, and one line: scripts and tests wait for it.
  console.log(`sesame: listening on ${listeningUrl(server.hostname, server.port)} (links point to ${app.config.baseUrl})`);

  await new Promise<void>((resolve) => {
    process.once("SIGTERM", resolve);
    process.once("SIGINT", resolve);
  });
  console.log("sesame: stopping");
  await server.stop();
  await app.close();
  return 0;
}

process.exit(await main());
