/**
 * Sesame on Deno: a SQLite file through Deno's node:sqlite, served with Deno.serve.
 *
 *   deno run --allow-net --allow-env --allow-read --allow-write --allow-sys=uid dist/platforms/deno.js
 *
 * Configured by the same environment variables as `sesame serve` (PORT, HOST,
 * SESAME_BASE_URL, SESAME_DB, SESAME_MAILER=dev or file:PATH, …), or an HTTP mail
 * provider (RESEND_API_KEY, …, with SESAME_MAIL_FROM). SIGTERM or SIGINT stops it
 * after the requests in flight.
 */
import { openNodeSqliteFile } from "../store/node-sqlite-file.js";
import { listeningUrl, runStandalone } from "./standalone.js";

// Only what is used of Deno's namespace, so this file type-checks without Deno's types.
declare const Deno: {
  env: { toObject(): Record<string, string> };
  serve(
    options: { port: number; hostname: string; onListen(address: unknown): void },
    handler: (request: Request, info: { remoteAddr: { hostname: string } }) => Response | Promise<Response>,
  ): { addr: { hostname: string; port: number }; shutdown(): Promise<void> };
  addSignalListener(signal: "SIGTERM" | "SIGINT", handler: () => void): void;
  exit(code: number): never;
};

Deno.exit(
  await runStandalone(
    "Deno",
    Deno.env.toObject(),
    openNodeSqliteFile,
    (app) => {
      const server = Deno.serve({ port: app.config.port, hostname: app.config.host, onListen() {} }, (request, info) =>
        app.sesame.fetch(request, { remoteAddress: info.remoteAddr.hostname }),
      );
      return { url: listeningUrl(server.addr.hostname, server.addr.port), stop: () => server.shutdown() };
    },
    (stop) => {
      Deno.addSignalListener("SIGTERM", stop);
      Deno.addSignalListener("SIGINT", stop);
    },
  ),
);
