/**
 * The client's IP address, for the per-client rate limits (S11). By default the
 * connection's own address; a proxy header only when configured, since any client
 * can send one. IPv6 clients are keyed by their /64, which one host usually holds
 * whole.
 */
import type { TrustProxy } from "../options.js";

export function clientAddress(request: Request, env: unknown, trust: TrustProxy): string | undefined {
  const fromProxy = trust ? proxiedAddress(request.headers.get(trust.header), trust) : undefined;
  const address = fromProxy ?? connectionAddress(env);
  return address === undefined ? undefined : clientKey(address);
}

function proxiedAddress(header: string | null, trust: Exclude<TrustProxy, false>): string | undefined {
  if (!header) return undefined;
  if (trust.header !== "x-forwarded-for") return header.trim() || undefined;
  // Each proxy appends the address it saw; only the last `hops` entries were written by proxies we trust.
  const entries = header.split(",").map((entry) => entry.trim());
  return entries[entries.length - (trust.hops ?? 1)] || undefined;
}

/** The peer address: @hono/node-server passes it in its bindings, the Deno and Bun entries as `remoteAddress`; others pass none. */
function connectionAddress(env: unknown): string | undefined {
  const bindings = env as { remoteAddress?: unknown; incoming?: { socket?: { remoteAddress?: unknown } } } | undefined;
  const address = bindings?.incoming?.socket?.remoteAddress ?? bindings?.remoteAddress;
  return typeof address === "string" ? address : undefined;
}

/** An IPv4 address as is, an IPv6 address as its /64; anything else, bounded, as text. */
export function clientKey(address: string): string {
  const value = address.trim().toLowerCase();
  const mapped = value.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) return mapped[1]!;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) return value;
  const groups = expandIpv6(value.replace(/%.*$/, ""));
  if (groups) return `${groups.slice(0, 4).join(":")}::/64`;
  return value.slice(0, 64);
}

function expandIpv6(value: string): string[] | null {
  if (!/^[0-9a-f:]+$/.test(value) || !value.includes(":")) return null;
  const halves = value.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (groups.some((group) => !/^[0-9a-f]{1,4}$/.test(group))) return null;
  return groups.map((group) => group.replace(/^0+(?=.)/, ""));
}
