/**
 * Sign-up policies without code (#19): the domains allowed, and disposable mail services
 * blocked with a maintained list. A refused address gets a clear answer that is the same
 * whether or not it has an account, and nothing is stored or sent.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDisposableDomains } from "../src/domains/disposable.js";
import { createSesame } from "../src/index.js";
import { client, processSandbox } from "./process.js";
import { BASE_URL, Browser, makeSesame, checkedSesame } from "./support.js";

const box = processSandbox("address-policy");

describe("allowed and blocked domains", () => {
  it("allows only the listed domains, a wildcard for subdomains, and refuses others with the same answer, account or not", async () => {
    const t = await makeSesame();
    try {
      // An account made before the policy, at a domain it then leaves out.
      const early = t.browser();
      await early.post("/magic", { email: "eve@other.example" });
      await early.post("/signup", { token: t.lastLink("eve@other.example").searchParams.get("token")!, name: "Eve" });
      const sesame = checkedSesame(
        createSesame({
          baseUrl: BASE_URL,
          store: t.db.store,
          mailer: t.mailbox,
          rateLimits: false,
          log: () => {},
          allowedDomains: ["example.com", "*.corp.example"],
        }),
      );
      const browser = new Browser((request) => sesame.fetch(request));
      const mails = t.mailbox.list().length;

      expect((await browser.post("/magic", { email: "ada@example.com" })).status).toBe(303);
      expect((await browser.post("/magic", { email: "cy@team.corp.example" })).status).toBe(303);
      const known = await browser.post("/magic", { email: "eve@other.example" });
      const unknown = await browser.post("/magic", { email: "zed@other.example" });
      expect([known.status, unknown.status]).toEqual([403, 403]);
      const [knownPage, unknownPage] = [await known.text(), await unknown.text()];
      expect(knownPage).toContain("Addresses at other.example cannot be used here.");
      expect(knownPage.replace("eve@", "X@")).toBe(unknownPage.replace("zed@", "X@"));
      const json = await browser.post("/magic", { email: "zed@corp.example" }, { accept: "application/json" });
      expect(await json.json()).toEqual({ error: { code: "domain_not_allowed", message: "Addresses at corp.example cannot be used here." } });
      await sesame.idle();
      expect(t.mailbox.list().length).toBe(mails + 2);
      expect(await t.sesame.findAccount("zed@other.example")).toBeNull();
    } finally {
      t.close();
    }
  });

  it("blocks disposable mail services from the maintained list, their subdomains too, for a new address as for a change of address", async () => {
    const t = await makeSesame({ isBlockedDomain: await loadDisposableDomains() });
    try {
      const browser = t.browser();
      const refused = await browser.post("/magic", { email: "bot@mailinator.com" });
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain("Addresses at mailinator.com, a disposable mail service, cannot be used here.");
      expect((await browser.post("/magic", { email: "bot@x.mailinator.com" })).status).toBe(403);
      expect((await browser.post("/magic", { email: "ada@example.com" })).status).toBe(303);
      await browser.post("/signup", { token: t.lastLink("ada@example.com").searchParams.get("token")!, name: "Ada" });
      const moved = await browser.post("/account/email/request", { email: "ada@guerrillamail.com" }, { accept: "application/json" });
      expect(moved.status).toBe(400);
      expect(((await moved.json()) as { error: { code: string } }).error.code).toBe("address_refused");
      expect(t.logs.filter((r) => r.event === "address.refused").map((r) => r.reason)).toEqual(["domain_blocked", "domain_blocked"]);
    } finally {
      t.close();
    }
  });

  it("is set on a server by SESAME_ALLOWED_DOMAINS and SESAME_BLOCK_DISPOSABLE; a bad domain stops start-up naming the variable", async () => {
    const server = await box.serve({
      SESAME_DB: join(box.dir, "policy.db"),
      SESAME_MAILER: `file:${join(box.dir, "mail.jsonl")}`,
      SESAME_ALLOWED_DOMAINS: "example.com, *.mailinator.com",
      SESAME_BLOCK_DISPOSABLE: "on",
    });
    const browser = client(server.url);
    expect((await browser("/magic", { email: "ada@example.com" })).status).toBe(303);
    expect((await browser("/magic", { email: "ada@example.org" })).status).toBe(403);
    // Allowed by the list, blocked as disposable: both apply.
    expect((await browser("/magic", { email: "bot@inbox.mailinator.com" })).status).toBe(403);

    const bad = await box
      .serve({ SESAME_DB: join(box.dir, "bad.db"), SESAME_MAILER: "dev", SESAME_ALLOWED_DOMAINS: "example.com,not a domain" })
      .catch((error: Error) => error);
    expect(String(bad)).toContain('SESAME_ALLOWED_DOMAINS: "not a domain" is not a domain such as example.com or *.example.com');
  });
});
