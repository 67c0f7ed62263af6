/**
 * Where a person may be sent after logging in (S14): a path on Sesame's own origin,
 * or a URL on an allowed origin. Anything a browser could read as another origin is
 * refused: `//evil`, `/\evil`, `javascript:`, and their encoded and mixed-case forms.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

export function checkRedirect(next: string, ownOrigin: string, allowedOrigins: readonly string[]): string | null {
  if (next.length === 0 || next.length > 2000) return null;
  // Control characters and backslashes have no place in a target; browsers treat `\` as `/`.
  if (UNSAFE.test(next)) return null;
  // Decoding must not reveal another origin either: `/%2F%2Fevil`, `/%5Cevil`.
  let decoded = next;
  for (let i = 0; i < 3; i++) {
    let once: string;
    try {
      once = decodeURIComponent(decoded);
    } catch {
      return null;
    }
    if (once === decoded) break;
    decoded = once;
  }
  if (UNSAFE.test(decoded) || decoded.startsWith("//")) return null;

  if (next.startsWith("/")) {
    if (next.startsWith("//")) return null;
    const url = new URL(next, ownOrigin);
    return url.origin === ownOrigin ? `${url.pathname}${url.search}${url.hash}` : null;
  }
  let url: URL;
  try {
    url = new URL(next);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password) return null;
  return url.origin === ownOrigin || allowedOrigins.includes(url.origin) ? url.href : null;
}
