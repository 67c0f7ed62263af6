import { describe, expect, it } from "vitest";
import { matchesDomain, refuseAddress } from "./address-policy.js";

describe("the address policy", () => {
  it("matches a domain exactly, and a wildcard any subdomain but not the domain itself", () => {
    expect(matchesDomain("example.com", "example.com")).toBe(true);
    expect(matchesDomain("sub.example.com", "example.com")).toBe(false);
    expect(matchesDomain("sub.example.com", "*.example.com")).toBe(true);
    expect(matchesDomain("a.b.example.com", "*.example.com")).toBe(true);
    expect(matchesDomain("example.com", "*.example.com")).toBe(false);
    expect(matchesDomain("badexample.com", "*.example.com")).toBe(false);
    expect(matchesDomain("example.com.evil", "example.com")).toBe(false);
  });

  it("refuses a domain not allowed, and a blocked one or any of its subdomains", () => {
    const policy = { allowedDomains: ["example.com", "*.corp.example"], isBlockedDomain: undefined };
    expect(refuseAddress(policy, "ada@example.com")).toBeNull();
    expect(refuseAddress(policy, "ada@team.corp.example")).toBeNull();
    expect(refuseAddress(policy, "ada@corp.example")).toBe("domain_not_allowed");
    expect(refuseAddress(policy, "ada@mail.example.com")).toBe("domain_not_allowed");
    const blocked = { allowedDomains: [], isBlockedDomain: (domain: string) => domain === "throwaway.example" };
    expect(refuseAddress(blocked, "x@throwaway.example")).toBe("domain_blocked");
    expect(refuseAddress(blocked, "x@inbox.throwaway.example")).toBe("domain_blocked");
    expect(refuseAddress(blocked, "x@example.com")).toBeNull();
    expect(refuseAddress({ allowedDomains: [], isBlockedDomain: undefined }, "x@anything.example")).toBeNull();
  });
});
