/**
 * Where a person may be sent after logging in (S14, S30): a path on Sesame's own origin,
 * or a URL on an allowed origin. Anything a browser could read as another origin is
 * refused: `//evil`, `/\evil`, `javascript:`, and their encoded and mixed-case forms.
 *
 * The value is judged as a browser will read it, not as it was typed: the WHATWG URL
 * parser (the browser's own) removes dot segments, `%2e` among them, so `/.//evil` and
 * `/a/..//evil` are the path `//evil`, which a browser reads as the host `evil` once it
 * stands alone in a Location. So the parsed value is serialised first, every check runs
 * on that serialisation, and exactly it is returned: a returned value is a fixed point
 * (checking it again gives it back) and never starts with `//` or `/\`.
 */

const MAX_LENGTH = 2000;
/** Layers of percent-encoding looked through; a value still encoded beyond them is refused. */
const MAX_DECODINGS = 3;
/**
 * What a browser strips (tabs, newlines, other control characters) or rewrites (`\` as `/`)
 * before it parses a URL. Refused rather than stripped: no real target holds any, and a
 * value without them has one reading only.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f\\]/;
/** A path that a browser, given it alone, reads as a host: `//evil`, `/\evil`. */
const OTHER_HOST = /^[/\\]{2}/;

export function checkRedirect(next: string, ownOrigin: string, allowedOrigins: readonly string[]): string | null {
  if (next.length === 0 || next.length > MAX_LENGTH || UNSAFE.test(next)) return null;
  const url = read(next, ownOrigin);
  if (!url) return null;
  const normal = serialise(url, next.startsWith("/"));
  return isAcceptable(normal, ownOrigin, allowedOrigins) ? normal : null;
}

/**
 * True when `value`, already in the form `serialise` gives, may be used as it is: what a
 * browser makes of it stays on an allowed origin, and so does what an app makes of it
 * after decoding it (`/%2F%2Fevil`, `/%252e//evil`).
 */
function isAcceptable(value: string, ownOrigin: string, allowedOrigins: readonly string[]): boolean {
  if (value.length > MAX_LENGTH || UNSAFE.test(value)) return false;
  const relative = value.startsWith("/");
  const url = read(value, ownOrigin);
  // Not normal (reading it again changes it): what is returned must be what was checked.
  if (!url || serialise(url, relative) !== value) return false;
  if (url.origin !== ownOrigin && !allowedOrigins.includes(url.origin)) return false;
  return staysOn(url, url.origin) && decodedStaysOn(value, url.origin, ownOrigin);
}

/** Each decoded layer of `value` is also read on `origin`, with no control character or `\` revealed. */
function decodedStaysOn(value: string, origin: string, ownOrigin: string): boolean {
  let layer = value;
  for (let depth = 0; ; depth++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(layer);
    } catch {
      return false; // malformed: `/%E0%A4%A`
    }
    if (decoded === layer) return true;
    if (depth === MAX_DECODINGS || UNSAFE.test(decoded)) return false;
    const url = read(decoded, ownOrigin);
    if (!url || !staysOn(url, origin)) return false;
    layer = decoded;
  }
}

function staysOn(url: URL, origin: string): boolean {
  return url.origin === origin && !OTHER_HOST.test(url.pathname);
}

/** What a browser makes of `value`: a path read on our origin, or an http(s) URL without credentials. */
function read(value: string, ownOrigin: string): URL | null {
  const path = value.startsWith("/");
  let url: URL;
  try {
    url = path ? new URL(value, ownOrigin) : new URL(value);
  } catch {
    return null; // `//%zz` (a host no parser accepts), `evil.example`
  }
  // `//evil/x` starts like a path but names a host, which its path `/x` alone would hide.
  if (path && url.origin !== ownOrigin) return null;
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password) return null;
  return url;
}

/** A path stays a path (so that it stays on whatever origin serves it); a URL is written out whole. */
function serialise(url: URL, relative: boolean): string {
  return relative ? `${url.pathname}${url.search}${url.hash}` : url.href;
}
