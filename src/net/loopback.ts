/**
 * Whether a host names this machine, decided on the host as written, never on what it
 * resolves to: a name that points here today may point elsewhere tomorrow, and a page
 * elsewhere can make a browser send any name it likes, but not these. Used where being
 * on this machine is the safety (the dev mailbox, SMTP without TLS).
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase();
  if (name === "localhost" || name === "::1" || name === "[::1]") return true;
  const octets = name.match(/^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/** `http://` on a loopback host: https would mean a certificate, so a name others reach. */
export function isLoopbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // The parser writes IPv4 in dotted decimal (`http://0x7f.1` is 127.0.0.1) and IPv6 in brackets.
  return url.protocol === "http:" && isLoopbackHost(url.hostname);
}
