/**
 * "Firefox on macOS": enough of a User-Agent for a person to recognise, or not, the
 * device that asked to log in. A rough reading on purpose: it is shown, not trusted.
 */
const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\//, "Chrome"],
  [/Safari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
  [/Windows/, "Windows"],
  [/iPhone|iPad|iPod/, "iOS"],
  [/Android/, "Android"],
  [/CrOS/, "ChromeOS"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Linux/, "Linux"],
];

export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return "an unknown browser";
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? "a browser";
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  return system ? `${browser} on ${system}` : browser;
}

/**
 * A client's network with the last part hidden, for a person to recognise ("203.0.113.x",
 * "2001:db8:1:2:…"): enough to tell "my home" from "another country", without storing
 * or showing the address itself. `client` is an IPv4 address or an IPv6 /64 as the
 * per-client limits key them; anything else is not shown.
 */
export function maskNetwork(client: string | undefined): string | null {
  if (client === undefined) return null;
  const v4 = client.match(/^(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}$/);
  if (v4) return `${v4[1]}.x`;
  const v6 = client.match(/^([0-9a-f]{1,4}(?::[0-9a-f]{1,4}){3})::\/64$/);
  if (v6) return `${v6[1]}:…`;
  return null;
}
