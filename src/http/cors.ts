/**
 * CORS for the two routes a page on another origin may call with the session cookie:
 * `POST /token` and `GET /session`. Only origins on the allow-list get CORS headers, each
 * its own origin back (never `*`, which browsers refuse with credentials); every answer
 * says `Vary: Origin`, so a cache never hands one origin's answer to another.
 */
const PREFLIGHT_SECONDS = "600";

export function allowedOrigin(request: Request, allowed: readonly string[]): string | undefined {
  const origin = request.headers.get("origin");
  return origin !== null && allowed.includes(origin) ? origin : undefined;
}

/** The CORS headers for an answer to `request`: none for an origin off the list. */
export function withCors(response: Response, request: Request, allowed: readonly string[]): Response {
  if (allowed.length === 0) return response;
  response.headers.append("Vary", "Origin");
  const origin = allowedOrigin(request, allowed);
  if (origin) {
    response.headers.set("Access-Control-Allow-Origin", origin);
    response.headers.set("Access-Control-Allow-Credentials", "true");
  }
  return response;
}

/** The answer to a preflight: what the allowed origin may send; nothing for any other. */
export function preflight(request: Request, allowed: readonly string[], methods: string): Response {
  const response = new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  const origin = allowedOrigin(request, allowed);
  if (origin) {
    response.headers.set("Access-Control-Allow-Methods", methods);
    response.headers.set("Access-Control-Allow-Headers", "Content-Type");
    response.headers.set("Access-Control-Max-Age", PREFLIGHT_SECONDS);
  }
  return withCors(response, request, allowed);
}
