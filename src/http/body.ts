/**
 * Reads a form or JSON body strictly: a size cap enforced while reading, UTF-8 that
 * must be valid, only the fields an endpoint expects, each at most once and a string.
 * Anything else is refused with a reason a person or a client can act on.
 */
import type { Say } from "./messages/index.js";

export const MAX_BODY_BYTES = 16 * 1024;

export type BodyRefusal = { status: 400 | 413 | 415; code: string; message: Say };
export type ParsedBody = { ok: true; fields: Record<string, string> } | ({ ok: false } & BodyRefusal);

export async function readFields(request: Request, allowed: ReadonlySet<string>): Promise<ParsedBody> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  let bytes: Uint8Array | null;
  try {
    bytes = await readLimited(request, MAX_BODY_BYTES);
  } catch {
    return refuse(400, "incomplete_body", (m) => m.incomplete_body);
  }
  if (bytes === null) return refuse(413, "body_too_large", (m) => m.body_too_large({ kib: MAX_BODY_BYTES / 1024 }));
  if (bytes.length === 0 && type === "") return { ok: true, fields: {} };

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return refuse(400, "invalid_encoding", (m) => m.invalid_utf8);
  }

  let entries: [string, unknown][];
  if (type === "application/x-www-form-urlencoded") {
    const parsed = parseUrlEncoded(text);
    if (!parsed) return refuse(400, "invalid_encoding", (m) => m.invalid_form_encoding);
    entries = parsed;
  } else if (type === "application/json") {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return refuse(400, "invalid_json", (m) => m.invalid_json);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return refuse(400, "invalid_json", (m) => m.json_not_object);
    }
    // JSON.parse keeps the last of repeated keys; a proxy may read the first. Refuse, as for forms.
    if (hasRepeatedKey(text)) return refuse(400, "duplicate_field", (m) => m.duplicate_key);
    entries = Object.entries(value);
  } else {
    return refuse(415, "unsupported_content_type", (m) => m.unsupported_content_type);
  }

  const fields: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (!allowed.has(name)) return refuse(400, "unknown_field", (m) => m.unknown_field({ name: name.slice(0, 40) }));
    if (Object.hasOwn(fields, name)) return refuse(400, "duplicate_field", (m) => m.duplicate_field({ name }));
    if (typeof value !== "string") return refuse(400, "invalid_field", (m) => m.invalid_field({ name }));
    fields[name] = value;
  }
  return { ok: true, fields };
}

/** Reads at most `limit` bytes; null when the body is larger (the rest is not read). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | null> {
  const length = request.headers.get("content-length");
  const declared = length === null ? NaN : Number(length);
  if (declared > limit) return null;
  // A declared length bounds the body (the HTTP server enforces it), so read it whole: on Node
  // this takes @hono/node-server's direct path instead of building a web stream.
  if (Number.isFinite(declared)) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    return bytes.byteLength > limit ? null : bytes;
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Like URLSearchParams, but refuses malformed escapes instead of silently writing U+FFFD. */
function parseUrlEncoded(text: string): [string, string][] | null {
  const entries: [string, string][] = [];
  if (text === "") return entries;
  for (const pair of text.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const rawName = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? "" : pair.slice(eq + 1);
    try {
      entries.push([decodeURIComponent(rawName.replace(/\+/g, " ")), decodeURIComponent(rawValue.replace(/\+/g, " "))]);
    } catch {
      return null;
    }
  }
  return entries;
}

/** True when the (already valid) JSON object text repeats a top-level key. */
function hasRepeatedKey(json: string): boolean {
  const seen = new Set<string>();
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const char = json[i];
    if (char === '"') {
      let end = i + 1;
      while (json[end] !== '"') end += json[end] === "\\" ? 2 : 1;
      let after = end + 1;
      while (json[after] === " " || json[after] === "\t" || json[after] === "\n" || json[after] === "\r") after++;
      if (depth === 1 && json[after] === ":") {
        const key = JSON.parse(json.slice(i, end + 1)) as string;
        if (seen.has(key)) return true;
        seen.add(key);
      }
      i = end;
    } else if (char === "{" || char === "[") depth++;
    else if (char === "}" || char === "]") depth--;
  }
  return false;
}

function refuse(status: BodyRefusal["status"], code: string, message: Say): ParsedBody {
  return { ok: false, status, code, message };
}
