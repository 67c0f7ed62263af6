/**
 * Sesame on Deno: a SQLite file through Deno's node:sqlite, served with Deno.serve.
 *
 *   deno run --allow-net --allow-env --allow-read --allow-write dist/runtime/deno.js
 *
 * Configured by the same environment variables as `sesame serve` (PORT, HOST,
 * SESAME_BASE_URL, SESAME_DB, SESAME_MAILER=dev or file:PATH, …), or an HTTP mail
 * provider (RESEND_API_KEY, …, with SESAME_MAIL_FROM). SIGTERM or SIGINT stops it
 * after the requests in flight.
 */
import { openNodeSqliteFile } from "../store/node-sqlite-file.js";
import { ConfigError } from "./config.js";
import { listeningUrl, prepareStandalone, startupProblem, type Standalone } from "./standalone.js";

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

async function main(): Promise<number> {
  let app: Standalone;
  let server: ReturnType<typeof Deno.serve>;
  try {
    app = await prepareStandalone("Deno", Deno.env.toObject(), openNodeSqliteFile);
    try {
      server = Deno.serve({ port: app.config.port, hostname: app.config.host, onListen() {} }, (request, info) =>
        app.sesame.fetch(request, { remoteAddress: info.remoteAddr.hostname }),
      );
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
  console.log(`sesame: listening on ${listeningUrl(server.addr.hostname, server.addr.port)} (links point to ${app.config.baseUrl})`);

  await new Promise<void>((resolve) => {
    Deno.addSignalListener("SIGTERM", resolve);
    Deno.addSignalListener("SIGINT", resolve);
  });
  console.log("sesame: stopping");
  await server.shutdown();
  await app.close();
  return 0;
}

Deno.exit(await main());
