import { describe, expect, it } from "vitest";
import { ConfigError } from "../core/errors.js";
import { openDevMailbox } from "./dev-mailer.js";

describe("S28: the development mailer is refused unless both the listen address and the base URL are loopback", () => {
  it.each([
    ["127.0.0.1", "http://localhost:8787"],
    ["127.0.0.1", "http://127.0.0.1:1"],
    ["localhost", "http://127.0.0.2/auth/"],
    ["::1", "http://[::1]:8787"],
    ["127.0.0.1", "http://LOCALHOST:8787"],
  ])("S28: accepts HOST %s with SESAME_BASE_URL %s", (host, baseUrl) => {
    expect(() => openDevMailbox(host, baseUrl)).not.toThrow();
  });

  it.each([
    "https://auth.example.com",
    "https://localhost:8787",
    "http://auth.example.com",
    "http://localhost.example.com:8787",
    "http://127.0.0.1.nip.io:8787",
    "http://0.0.0.0:8787",
    "http://10.0.0.1:8787",
    "http://[::2]:8787",
    "http://[::]:8787",
    "not a url",
  ])("S28: refuses SESAME_BASE_URL %s, in one line that names it", (baseUrl) => {
    expect(() => openDevMailbox("127.0.0.1", baseUrl)).toThrow(ConfigError);
    expect(() => openDevMailbox("127.0.0.1", baseUrl)).toThrow(/SESAME_BASE_URL/);
  });

  it("S28: still refuses a public HOST, whatever the base URL", () => {
    expect(() => openDevMailbox("0.0.0.0", "http://localhost:8787")).toThrow(/loopback HOST, not 0\.0\.0\.0/);
  });
});
