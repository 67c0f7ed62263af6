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
