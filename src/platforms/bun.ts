/**
 * Sesame on Bun: a SQLite file through bun:sqlite, served with Bun.serve.
 *
 *   bun dist/platforms/bun.js
 *
 * Configured by the same environment variables as `sesame serve` (PORT, HOST,
 * SESAME_BASE_URL, SESAME_DB, SESAME_MAILER=dev or file:PATH, …), or an HTTP mail
 * provider (RESEND_API_KEY, …, with SESAME_MAIL_FROM). SIGTERM or SIGINT stops it
 * after the requests in flight.
 */
import { openBunSqliteFile } from "../store/bun-sqlite-file.js";
import { listeningUrl, runStandalone } from "./standalone.js";

// Only what is used of Bun's namespace, so this file type-checks without Bun's types.
interface BunServer {
  hostname: string;
  port: number;
  requestIP(request: Request): { address: string } | null;
  stop(closeActiveConnections?: boolean): Promise<void>;
}
declare const Bun: {
  env: Record<string, string | undefined>;
  serve(options: { port: number; hostname: string; development: boolean; fetch(request: Request, server: BunServer): Response | Promise<Response> }): BunServer;
};

process.exit(
  await runStandalone(
    "Bun",
    Bun.env,
    openBunSqliteFile,
    (app) => {
      const server = Bun.serve({
        port: app.config.port,
        hostname: app.config.host,
        // Development mode would answer an unexpected error with its stack trace.
        development: false,
        fetch: (request, server) => app.sesame.fetch(request, { remoteAddress: server.requestIP(request)?.address }),
      });
      return { url: listeningUrl(server.hostname, server.port), stop: () => server.stop() };
    },
    (stop) => {
      process.once("SIGTERM", stop);
      process.once("SIGINT", stop);
    },
  ),
);
