import { describe, expect, it } from "vitest";
import { clientAddress, clientKey } from "./client-address.js";

const node = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
const request = (headers: Record<string, string>) => new Request("http://localhost/", { headers });

describe("S11: the client address", () => {
  it("is the connection's address by default, whatever the headers claim", () => {
    const spoofed = request({ "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.9", "cf-connecting-ip": "203.0.113.9" });
    expect(clientAddress(spoofed, node("198.51.100.1"), false)).toBe("198.51.100.1");
    // As the Deno and Bun entries pass it.
    expect(clientAddress(spoofed, { remoteAddress: "198.51.100.3" }, false)).toBe("198.51.100.3");
  });

  it("comes from the configured header, counting trusted hops from the right", () => {
    const forwarded = request({ "x-forwarded-for": "10.0.0.1, 203.0.113.9, 198.51.100.2" });
    expect(clientAddress(forwarded, node("127.0.0.1"), { header: "x-forwarded-for", hops: 1 })).toBe("198.51.100.2");
    expect(clientAddress(forwarded, node("127.0.0.1"), { header: "x-forwarded-for", hops: 2 })).toBe("203.0.113.9");
    expect(clientAddress(request({ "cf-connecting-ip": "203.0.113.5" }), undefined, { header: "cf-connecting-ip" })).toBe("203.0.113.5");
    expect(clientAddress(request({}), node("198.51.100.1"), { header: "x-real-ip" })).toBe("198.51.100.1");
  });

  it("is unknown when neither a connection nor a trusted header gives one", () => {
    expect(clientAddress(request({ "x-forwarded-for": "203.0.113.9" }), undefined, false)).toBeUndefined();
  });

  it("keys IPv6 clients by their /64 and unwraps IPv4-mapped addresses", () => {
    expect(clientKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:DB8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientKey("::1")).toBe("0:0:0:0::/64");
    expect(clientKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(clientKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(clientKey("192.0.2.7")).toBe("192.0.2.7");
    expect(clientKey("not-an-address")).toBe("not-an-address");
    expect(clientKey("x".repeat(100))).toHaveLength(64);
  });
});
