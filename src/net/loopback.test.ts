import { describe, expect, it } from "vitest";
import { isLoopbackHost } from "./loopback.js";

describe("isLoopbackHost", () => {
  it.each(["localhost", "LocalHost", "127.0.0.1", "127.1.2.3", "127.255.255.255", "::1", "[::1]"])("S28/S29: %s is this machine", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(["localhost.example.com", "127.0.0.1.nip.io", "127.999.0.1", "127.1", "0x7f.0.0.1", "128.0.0.1", "::2", "0.0.0.0", "example.com", ""])(
    "S28/S29: %s is not, whatever it resolves to",
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );
});
