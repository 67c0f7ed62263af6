/**
 * The client's IP address, for the per-client rate limits (S11). By default the
 * connection's own address; a proxy header only when configured, since any client
 * can send one. IPv6 clients are keyed by their /64, which one host usually holds
 * whole.
 *
 * A proxy's value is parsed, not taken as text: `1.2.3.4:5678`, `[2001:db8::1]:443`,
 * `010.001.002.003` and `::ffff:1.2.3.4` are each one client's address written another
 * way, and must share that client's budget. A value that is no IP address at all
 * (`unknown`, a host name, `0x7f.1`) keys nobody: the connection's address is used.
 */
import type { TrustProxy } from "../options.js";

export function clientAddress(request: Request, env: unknown, trust: TrustProxy): string | undefined {
  const fromProxy = trust ? parseIp(proxiedEntry(request.headers.get(trust.header), trust)) : undefined;
  if (fromProxy !== undefined) return keyOf(fromProxy);
  const address = connectionAddress(env);
  return address === undefined ? undefined : clientKey(address);
}

function proxiedEntry(header: string | null, trust: Exclude<TrustProxy, false>): string | undefined {
  if (!header) return undefined;
  if (trust.header !== "x-forwarded-for") return header;
  // Each proxy appends the address it saw; only the last `hops` entries were written by proxies we trust.
  const entries = header.split(",");
  return entries[entries.length - (trust.hops ?? 1)];
}

/** The peer address: @hono/node-server passes it in its bindings, the Deno and Bun entries as `remoteAddress`; others pass none. */
function connectionAddress(env: unknown): string | undefined {
  const bindings = env as { remoteAddress?: unknown; incoming?: { socket?: { remoteAddress?: unknown } } } | undefined;
  const address = bindings?.incoming?.socket?.remoteAddress ?? bindings?.remoteAddress;
  return typeof address === "string" ? address : undefined;
}

/** An IPv4 address as is, an IPv6 address as its /64; anything else (from a socket, never a proxy), bounded, as text. */
export function clientKey(address: string): string {
  const ip = parseIp(address);
  return ip === undefined ? address.trim().toLowerCase().slice(0, 64) : keyOf(ip);
}

/** A parsed address: IPv4 in dotted decimal, or IPv6 as its eight groups. */
type Ip = { v4: string } | { v6: string[] };

function keyOf(ip: Ip): string {
  return "v4" in ip ? ip.v4 : `${ip.v6.slice(0, 4).join(":")}::/64`;
}

/**
 * An IP address in the forms proxies write, normal, or undefined: with or without a port
 * (`1.2.3.4:5678`, `[2001:db8::1]:443`), in brackets, with an IPv6 zone; an IPv4-mapped
 * IPv6 address is its IPv4 address.
 */
function parseIp(value: string | undefined): Ip | undefined {
  if (value === undefined) return undefined;
  const text = value.trim().toLowerCase();
  if (text.length > 64) return undefined;
  const bracketed = text.match(/^\[([^\]]*)\](?::(\d{1,5}))?$/);
  if (bracketed) return isPort(bracketed[2]) ? parseIpv6(bracketed[1]!) : undefined;
  const v4 = text.match(/^([\d.]+)(?::(\d{1,5}))?$/);
  if (v4) return isPort(v4[2]) ? parseIpv4(v4[1]!) : undefined;
  return parseIpv6(text);
}

/** No port, or one that exists. */
function isPort(digits: string | undefined): boolean {
  return digits === undefined || Number(digits) <= 65535;
}

/**
 * Four decimal octets of at most three digits; leading zeros are read as decimal. The
 * shorthand and hexadecimal forms some parsers take (`127.1`, `0x7f.0.0.1`, `2130706433`)
 * are refused: no proxy writes them.
 */
function parseIpv4(text: string): { v4: string } | undefined {
  const octets = text.split(".");
  if (octets.length !== 4 || octets.some((octet) => !/^\d{1,3}$/.test(octet) || Number(octet) > 255)) return undefined;
  return { v4: octets.map(Number).join(".") };
}

function parseIpv6(text: string): Ip | undefined {
  const groups = expandIpv6(text.replace(/%[\w.-]+$/, ""));
  if (!groups) return undefined;
  // ::ffff:a.b.c.d is an IPv4 client seen through an IPv6 socket or proxy.
  if (groups.slice(0, 5).every((group) => group === "0") && groups[5] === "ffff") {
    const [high, low] = [parseInt(groups[6]!, 16), parseInt(groups[7]!, 16)];
    return { v4: [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".") };
  }
  return { v6: groups };
}

/** The eight groups of an IPv6 address, without leading zeros; a dotted IPv4 tail is two groups. */
function expandIpv6(value: string): string[] | null {
  let text = value;
  const tail = text.match(/:(\d+\.\d+\.\d+\.\d+)$/);
  if (tail) {
    const v4 = parseIpv4(tail[1]!);
    if (!v4) return null;
    const [a, b, c, d] = v4.v4.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index! + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  if (!/^[0-9a-f:]+$/.test(text) || !text.includes(":")) return null;
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tailGroups = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tailGroups.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tailGroups];
  if (groups.some((group) => !/^[0-9a-f]{1,4}$/.test(group))) return null;
  return groups.map((group) => group.replace(/^0+(?=.)/, ""));
}
