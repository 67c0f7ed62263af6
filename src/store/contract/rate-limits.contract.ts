/** Rate limits (S10): charged in the same step as the token, all or nothing, exact under races, purged. */
import { beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../core/ports.js";
import { MINUTE, T0, unique, type StoreCases } from "./helpers.contract.js";

export function rateLimitCases({ current }: StoreCases): void {
  describe("S10: rate limits, charged in the same step as the token", () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    // 3 per minute: interval 20 s, tolerance 40 s.
    const limit = (key: string) => ({ key, interval: 20_000, tolerance: 40_000 });
    async function limited(email: string, at: number, limits = [limit(`address:${email}`)]) {
      const tokenHash = unique("token");
      const created = await store.createLinkToken({ email, tokenHash, now: at, signupExpiresAt: at + MINUTE, loginExpiresAt: at + MINUTE, limits });
      return { created, tokenHash };
    }

    it("allows the burst, refuses the next with the time it frees up, and stores nothing for it", async () => {
      for (let i = 0; i < 3; i++) expect((await limited("rl@example.com", T0)).created.ok).toBe(true);
      const refused = await limited("rl@example.com", T0 + 1000);
      expect(refused.created).toEqual({ ok: false, reason: "rate_limited", retryAt: T0 + 20_000 });
      expect(await store.inspectLinkToken(refused.tokenHash, "signup", T0 + 1000)).toEqual({ status: "invalid" });
      expect((await limited("rl@example.com", T0 + 20_000)).created.ok).toBe(true);
      expect((await limited("other@example.com", T0 + 1000)).created.ok).toBe(true);
    });

    it("charges every limit only when all allow: a refusal by one costs the others nothing", async () => {
      const client = { key: "client:1.2.3.4", interval: 60_000, tolerance: 0 };
      expect((await limited("a@example.com", T0, [limit("address:a@example.com"), client])).created.ok).toBe(true);
      // The client limit refuses; the address limit of b@ must stay untouched, without even a row of its own.
      expect((await limited("b@example.com", T0, [limit("address:b@example.com"), client])).created.ok).toBe(false);
      expect((await store.purgeExpired(Number.MAX_SAFE_INTEGER)).rateLimits).toBe(2); // a@'s and the client's
      for (let i = 0; i < 3; i++) expect((await limited("b@example.com", T0)).created.ok).toBe(true);
    });

    it("admits exactly the limit under 20 parallel requests", async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => limited("burst@example.com", T0)));
      expect(results.filter((r) => r.created.ok)).toHaveLength(3);
    });

    it("counters are purged with the rest", async () => {
      await limited("old@example.com", T0 - 30 * 24 * 60 * MINUTE);
      await limited("new@example.com", T0);
      const purged = await store.purgeExpired(T0 - 7 * 24 * 60 * MINUTE);
      expect(purged.rateLimits).toBe(1);
    });
  });
}
