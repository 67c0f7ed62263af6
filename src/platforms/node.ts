/**
 * Serves a fetch handler on Node's HTTP server. The only Node-specific part of
 * serving: everything else is the portable app.
 */
import * as nodeCrypto from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { serve } from "@hono/node-server";

/** crypto.hash (Node 20.12+), one call with no Hash object; createHash on older versions. */
const oneShot = (nodeCrypto as { hash?: (algorithm: string, data: string, encoding: "base64url") => string }).hash;

/** SHA-256 as base64url with node:crypto: synchronous, and several times cheaper per call than Web Crypto. */
export const sha256: (text: string) => string = oneShot
  ? (text) => oneShot("sha256", text, "base64url")
  : (text) => nodeCrypto.createHash("sha256").update(text, "utf8").digest("base64url");

export interface RunningServer {
  /** e.g. `http://127.0.0.1:8787` */
  url: string;
  port: number;
  /** Stops accepting connections and resolves when in-flight requests have finished. */
  close(): Promise<void>;
}

export function startNodeServer(options: { fetch: (request: Request) => Response | Promise<Response>; port: number; host: string }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: options.fetch, port: options.port, hostname: options.host }, (info: AddressInfo) => {
      const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            (server as Server).close(() => done());
            // Keep-alive connections would otherwise hold close() open until they time out.
            (server as Server).closeIdleConnections();
          }),
      });
    }) as Server;
    server.once("error", reject);
  });
}
