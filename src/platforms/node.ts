/**
 * Serves a fetch handler on Node's HTTP server, and Sesame as a handler for an existing
 * Node server, Express or Connect app. The only Node-specific part of serving:
 * everything else is the portable app.
 */
import * as nodeCrypto from "node:crypto";
import type { AddressInfo } from "node:net";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { getRequestListener, serve } from "@hono/node-server";
import type { ValidSession } from "../core/sessions/session.js";
import { notLoggedIn } from "../http/require-account.js";
import type { Sesame } from "../index.js";

/** crypto.hash (Node 20.12+), one call with no Hash object; createHash on older versions. */
const oneShot = (nodeCrypto as { hash?: (algorithm: string, data: string, encoding: "base64url") => string }).hash;

/** SHA-256 as base64url with node:crypto: synchronous, and several times cheaper per call than Web Crypto. */
export const sha256: (text: string) => string = oneShot
  ? (text) => oneShot("sha256", text, "base64url")
  : (text) => nodeCrypto.createHash("sha256").update(text, "utf8").digest("base64url");

/** AES-256-GCM with node:crypto, for `aesGcm`: synchronous, a third to a half of Web Crypto's CPU per call here. */
export function aesGcm(key: Uint8Array, iv: Uint8Array, additionalData: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const cipher = nodeCrypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(additionalData);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

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

/** What Express and Connect add to Node's request: the URL before the mount prefix was cut, and a parsed body. */
type NodeRequest = IncomingMessage & { originalUrl?: string; body?: unknown; rawBody?: unknown };

/** A `(req, res, next?)` handler for `http.createServer`, Express and Connect. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

export interface NodeHandlerOptions {
  /** The path Sesame answers under; by default the path of its `baseUrl`. */
  basePath?: string;
}

export const BODY_ALREADY_READ =
  "Sesame could not read the request body: a body parser (such as express.urlencoded() or express.json()) read it first. Mount Sesame before any body parser.";

/**
 * Sesame as a Node request handler:
 *
 *   app.use("/auth", toNodeHandler(sesame)); // Express or Connect, before any body parser
 *   http.createServer(toNodeHandler(sesame)).listen(8787);
 */
export function toNodeHandler(sesame: Sesame, options: NodeHandlerOptions = {}): NodeHandler {
  const basePath = withSlash(options.basePath ?? sesame.basePath);
  // @hono/node-server streams the body, writes every Set-Cookie, and passes `{ incoming, outgoing }`
  // as the bindings from which the per-client limits read the socket's address.
  const listener = getRequestListener((request, bindings) => sesame.fetch(request, bindings));
  return (incoming, res, next) => {
    const req = incoming as NodeRequest;
    const mountedUrl = req.url;
    // Express and Connect cut the mount prefix from req.url; Sesame's routes are the full path.
    const url = req.originalUrl ?? req.url ?? "/";
    if (!isUnder(pathOf(url), basePath)) {
      if (next) next();
      else res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found");
      return;
    }
    if (bodyAlreadyRead(req)) {
      refuseReadBody(req, res);
      return;
    }
    req.url = url;
    listener(req, res).catch((error: unknown) => {
      // Sesame answers its own errors; this is the connection failing. Let the host app's error handler see it.
      req.url = mountedUrl;
      if (next) next(error);
      else if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  };
}

/** The logged-in account for a request to the host app, from Sesame's session cookie; null when there is none. */
export function getSession(sesame: Pick<Sesame, "authenticate">, req: IncomingMessage): Promise<ValidSession | null> {
  // Node joins repeated Cookie headers into one; only the cookie header matters to Sesame.
  return sesame.authenticate(new Request("http://localhost/", { headers: nodeHeaders(req) }));
}

/**
 * Express or Connect middleware for a host app's own routes: lets only logged-in requests
 * through, with `res.locals.session` (`{ account, expiresAt }`) set; a browser goes to
 * the login form and comes back after the link, an API client gets 401 JSON.
 */
export function requireAccount(sesame: Pick<Sesame, "authenticate" | "basePath">): NodeHandler {
  return (req, res, next) => {
    const request = new Request(new URL((req as NodeRequest).originalUrl ?? req.url ?? "/", "http://localhost"), { headers: nodeHeaders(req) });
    sesame.authenticate(request).then(
      async (session) => {
        if (session) {
          const locals = (res as ServerResponse & { locals?: Record<string, unknown> }).locals;
          if (locals) locals.session = session;
          return next?.();
        }
        const answer = notLoggedIn(request, sesame.basePath);
        res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(await answer.text());
      },
      (error: unknown) => (next ? next(error) : res.writeHead(503).end()),
    );
  };
}

/** The headers that decide who is asking and what answer it wants. */
function nodeHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const name of ["cookie", "accept", "content-type"]) {
    const value = req.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  return headers;
}

/** The path of a request target; "" for an absolute URL that does not parse (a throw here would end a plain node:http server). */
function pathOf(target: string): string {
  if (target.startsWith("/")) return target.split("?")[0]!;
  try {
    return new URL(target).pathname;
  } catch {
    return "";
  }
}

function withSlash(path: string): string {
  return path.endsWith("/") ? path : `${path}/`;
}

/** `/auth` itself (Sesame redirects it to `/auth/`) and everything below `/auth/`. */
function isUnder(pathname: string, basePath: string): boolean {
  return pathname.startsWith(basePath) || pathname === basePath.slice(0, -1);
}

/**
 * A body parser ran first: the stream is read and Sesame would see an empty or cut body.
 * A parser that only set `req.body` without reading (body-parser 1 on another content
 * type) leaves the stream whole, and a `rawBody` Buffer is read from by @hono/node-server.
 */
function bodyAlreadyRead(req: NodeRequest): boolean {
  if (req.method === "GET" || req.method === "HEAD" || Buffer.isBuffer(req.rawBody)) return false;
  return req.readableDidRead || req.readableEnded;
}

/** 400, not the 500 a cut body would become: the host app's setup is at fault, and the message says how to fix it. */
function refuseReadBody(req: NodeRequest, res: ServerResponse): void {
  // The same choice as Sesame's own answers: JSON when the client sent or asked for JSON.
  const type = req.headers["content-type"] ?? "";
  const accept = req.headers.accept ?? "";
  const json = /^application\/json\b/i.test(type) || (accept.includes("application/json") && !accept.includes("text/html"));
  const body = json ? JSON.stringify({ error: { code: "body_already_read", message: BODY_ALREADY_READ } }) : `${BODY_ALREADY_READ}\n`;
  res.writeHead(400, { "content-type": json ? "application/json" : "text/plain; charset=utf-8", "cache-control": "no-store" }).end(body);
}
