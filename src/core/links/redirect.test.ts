import { describe, expect, it } from "vitest";
import { checkRedirect } from "./redirect.js";

const OWN = "https://auth.example.com";
const ALLOWED = ["https://app.example.com"];

describe("S14: redirect targets", () => {
  it.each([
    ["/", "/"],
    ["/app", "/app"],
    ["/app/settings?tab=mail#top", "/app/settings?tab=mail#top"],
    ["/path%20with%20space", "/path%20with%20space"],
    ["https://auth.example.com/app", "https://auth.example.com/app"],
    ["https://app.example.com/dashboard", "https://app.example.com/dashboard"],
  ])("accepts %j", (next, expected) => {
    expect(checkRedirect(next, OWN, ALLOWED)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/%2F%2Fevil.example",
    "%2F%2Fevil.example",
    "/%5Cevil.example",
    "/%255Cevil.example",
    "/%252F%252Fevil.example",
    "https://evil.example/",
    "HTTPS://EVIL.EXAMPLE/",
    "https://auth.example.com.evil.example/",
    "https://auth.example.com@evil.example/",
    "https://user:pass@app.example.com/",
    "http://app.example.com/",
    "ftp://app.example.com/",
    "evil.example",
    "app",
    " /app",
    "/app\nSet-Cookie: x=1",
    "/%E0%A4%A",
    "",
    `/${"a".repeat(2001)}`,
  ])("refuses %j", (next) => {
    expect(checkRedirect(next, OWN, ALLOWED)).toBeNull();
  });
});

describe("S30: a redirect target is judged after a browser's normalisations, and used as judged", () => {
  it.each([
    ["/a/../app", "/app"],
    ["/./app", "/app"],
    ["/%2e/app", "/app"],
    ["/a/%2E%2e/app?x=1#top", "/app?x=1#top"],
    ["/app/.", "/app/"],
    ["/path with space", "/path%20with%20space"],
    ["/café", "/caf%C3%A9"],
    ["https://app.example.com/a/../dashboard", "https://app.example.com/dashboard"],
  ])("accepts %j as the normal %j, which checks as itself", (next, expected) => {
    expect(checkRedirect(next, OWN, ALLOWED)).toBe(expected);
    expect(checkRedirect(expected, OWN, ALLOWED)).toBe(expected);
  });

  it.each([
    // Dot segments, plain or encoded, that leave `//host` behind.
    "/.//evil.com",
    "/a/..//evil.com",
    "/%2e//evil.com",
    "/%2E//evil.com",
    "/%2e%2e//evil.com",
    "/.%2e//evil.com",
    "/a/b/../..//evil.com",
    "/a/%2e%2e//evil.com",
    "/././/evil.com",
    "/.///evil.com",
    // The same, revealed by decoding once or twice.
    "/%252e//evil.com",
    "/%2e%2f%2fevil.com",
    "/%25252e//evil.com",
    "/a/%252e%252e//evil.com",
    // Backslashes and what browsers strip, around dot segments.
    "/.\\evil.com",
    "/./\\evil.com",
    "/%2e/%5cevil.com",
    "/\t/evil.com",
    "/.\t//evil.com",
    "/%09/evil.com",
    "/.%0a//evil.com",
    // On an allowed origin, but with a path an app would read as a host.
    "https://app.example.com/.//evil.com",
    "https://app.example.com//evil.com",
    "https://app.example.com/%2F%2Fevil.com",
    // Encoded more often than anyone means to.
    "/%2525252Fapp",
  ])("refuses %j", (next) => {
    expect(checkRedirect(next, OWN, ALLOWED)).toBeNull();
  });
});
