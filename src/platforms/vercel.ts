/**
 * Vercel Functions, Edge or Node runtime: a Sesame as the `(Request, context) => Response`
 * handler Vercel calls. The store is yours: the Edge runtime has no SQLite file, so pass
 * a store that reaches your database over `fetch` (or use "sesame/vercel-node", which
 * opens PostgreSQL from DATABASE_URL).
 *
 *   export const config = { runtime: "edge" };
 *   export default handle(createSesame({ baseUrl, store, mailer }));
 */
import type { ExecutionContext } from "hono";

/** What Vercel may pass as the second argument (Edge runtime). */
export interface VercelContext {
  waitUntil?(promise: Promise<unknown>): void;
}

export interface FetchHandler {
  fetch(request: Request, env?: unknown, executionCtx?: ExecutionContext): Response | Promise<Response>;
}

// Where Vercel's Node runtime keeps the current request's context (what @vercel/functions reads).
const REQUEST_CONTEXT = Symbol.for("@vercel/request-context");

/** Vercel's waitUntil for this request, if the runtime offers one: from the context argument, else the request context. */
export function vercelWaitUntil(context?: VercelContext): ((promise: Promise<unknown>) => void) | undefined {
  if (typeof context?.waitUntil === "function") return (promise) => context.waitUntil!(promise);
  const store = (globalThis as { [REQUEST_CONTEXT]?: { get?(): { waitUntil?: unknown } | undefined } })[REQUEST_CONTEXT];
  const fromStore = store?.get?.()?.waitUntil;
  return typeof fromStore === "function" ? (promise) => (fromStore as (p: Promise<unknown>) => void)(promise) : undefined;
}

/**
 * The handler for a Sesame (or anything with its `fetch`). Work after the answer (every
 * link's first mail try, the opportunistic purge) is handed to waitUntil when there is
 * one, so the platform does not freeze the function before it is done.
 */
export function handle(sesame: FetchHandler): (request: Request, context?: VercelContext) => Promise<Response> {
  return async (request, context) => {
    const waitUntil = vercelWaitUntil(context);
    const executionCtx = waitUntil ? ({ waitUntil, passThroughOnException() {}, props: {} } as ExecutionContext) : undefined;
    return sesame.fetch(request, undefined, executionCtx);
  };
}
