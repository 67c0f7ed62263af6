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

describe("S11: a trusted proxy's value is parsed as an IP address", () => {
  const socket = node("198.51.100.1");
  const headers = ["x-forwarded-for", "x-real-ip", "cf-connecting-ip"] as const;
  const through = (header: (typeof headers)[number], value: string) =>
    clientAddress(request({ [header]: value }), socket, header === "x-forwarded-for" ? { header, hops: 1 } : { header });

  it.each([
    ["1.2.3.4:5678", "1.2.3.4"],
    [" 1.2.3.4 ", "1.2.3.4"],
    ["010.001.002.003", "10.1.2.3"],
    ["010.001.002.003:80", "10.1.2.3"],
    ["[2001:db8::1]:443", "2001:db8:0:0::/64"],
    ["[2001:DB8::1]", "2001:db8:0:0::/64"],
    ["2001:0db8:0000:0000::1", "2001:db8:0:0::/64"],
    ["::ffff:192.0.2.7", "192.0.2.7"],
    ["::FFFF:192.0.2.7", "192.0.2.7"],
    ["[::ffff:192.0.2.7]:8080", "192.0.2.7"],
    ["::ffff:c000:207", "192.0.2.7"],
    ["0:0:0:0:0:ffff:c000:0207", "192.0.2.7"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
  ])("reads %j as the client %j, from every supported header", (value, key) => {
    for (const header of headers) expect(through(header, value)).toBe(key);
  });

  it("keys one client written several ways as one client", () => {
    const forms = ["192.0.2.7", "192.0.2.7:1111", "192.0.2.7:2222", "192.000.002.007", "::ffff:192.0.2.7", "[::ffff:c000:207]:443"];
    expect(new Set(forms.map((form) => through("x-forwarded-for", form)))).toEqual(new Set(["192.0.2.7"]));
  });

  it.each([
    "unknown",
    "evil",
    "_hidden",
    "example.com",
    "proxy.internal:8080",
    "1.2.3",
    "1.2.3.4.5",
    "256.1.1.1",
    "1.2.3.999",
    "0001.2.3.4",
    "1.2.3.4:99999",
    "1.2.3.4:",
    "0x7f.0.0.1",
    "0177.0.0.1x",
    "127.1",
    "2130706433",
    "1.2.3.-4",
    "[1.2.3.4]",
    "[2001:db8::1",
    "2001:db8::1::2",
    "2001:db8:1:2:3:4:5:6:7",
    "12345::1",
    "::ffff:999.0.2.7",
    "1.2.3.4, 5.6.7.8 and more",
    "x".repeat(100),
  ])("ignores %j, which is no IP address, and uses the connection's address", (value) => {
    for (const header of headers) expect(through(header, value)).toBe("198.51.100.1");
  });

  it("uses the connection's address when the trusted entry is empty or missing", () => {
    expect(clientAddress(request({ "x-forwarded-for": "203.0.113.9, " }), socket, { header: "x-forwarded-for" })).toBe("198.51.100.1");
    expect(clientAddress(request({ "x-forwarded-for": "203.0.113.9" }), socket, { header: "x-forwarded-for", hops: 2 })).toBe("198.51.100.1");
  });
});
