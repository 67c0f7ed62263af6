/** S27: wrong guesses (codes and approval numbers) capped per address, over all its links. */
import { beforeEach, describe, expect, it } from "vitest";
import type { GuessCap, Store } from "../../core/ports.js";
import { CODE_RIGHT, MINUTE, newSession, NUMBER_RIGHT, T0, type StoreCases } from "./helpers.contract.js";

export function guessCapCases({ current, link, signUp, pendingLink, code, approve }: StoreCases): void {
  describe("S27: wrong guesses are capped per address, over all its links", () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    // As the default: 10 wrong guesses, then one more an hour.
    const cap: GuessCap = { interval: 60 * MINUTE, tolerance: 9 * 60 * MINUTE };

    it("S27: 20 wrong guesses spread over 4 links evaluate at most 10; then every code and approval for the address dies", async () => {
      await signUp("yan@example.com");
      const links: Awaited<ReturnType<typeof pendingLink>>[] = [];
      for (let i = 0; i < 4; i++) links.push(await pendingLink("yan@example.com"));
      const outcomes = [];
      for (let round = 0; round < 5; round++) {
        for (const { pendingHash } of links) outcomes.push(await code(pendingHash, "wrong", newSession(), T0 + MINUTE, cap));
      }
      const evaluated = outcomes.filter((o) => !o.ok && o.reason !== "locked");
      expect(evaluated).toHaveLength(10);
      expect(outcomes.slice(10).every((o) => !o.ok && o.reason === "locked")).toBe(true);
      // Even the right code and the right number fail now, on every link of the address...
      for (const { pendingHash, tokenHash } of links) {
        expect(await code(pendingHash, CODE_RIGHT, newSession(), T0 + MINUTE, cap)).toMatchObject({ ok: false, reason: "locked" });
        expect(await approve(tokenHash, NUMBER_RIGHT, T0 + MINUTE, cap)).toMatchObject({ ok: false, reason: "locked" });
      }
      // ...and a new link's too, while the window lasts.
      const fresh = await pendingLink("yan@example.com", T0 + 2 * MINUTE);
      expect(await code(fresh.pendingHash, CODE_RIGHT, newSession(), T0 + 2 * MINUTE, cap)).toMatchObject({ ok: false, reason: "locked" });
      // Another address is not affected.
      const other = await pendingLink("zed@example.com");
      expect(await code(other.pendingHash, CODE_RIGHT, newSession(), T0 + MINUTE, cap)).toMatchObject({ ok: true });
      // Once the window has passed, the old links' codes stay dead, and a new link works.
      const later = T0 + 62 * MINUTE;
      expect(await code(links[0]!.pendingHash, CODE_RIGHT, newSession(), later, cap)).toMatchObject({ ok: false });
      const after = await pendingLink("yan@example.com", later);
      expect(await code(after.pendingHash, CODE_RIGHT, newSession(), later, cap)).toMatchObject({ ok: true, kind: "login" });
      expect(await store.findInvariantViolations()).toEqual([]);
    });

    it("S27: wrong approval numbers count towards the same cap as wrong codes", async () => {
      await signUp("abe@example.com");
      const links: Awaited<ReturnType<typeof pendingLink>>[] = [];
      for (let i = 0; i < 4; i++) links.push(await pendingLink("abe@example.com"));
      const outcomes: { ok: boolean; reason?: string }[] = [];
      // Per link: two wrong numbers, then a wrong code; 3 guesses a link, so the cap of 10 falls on link 4's first number.
      for (const { tokenHash, pendingHash } of links) {
        for (let i = 0; i < 2; i++) outcomes.push(await approve(tokenHash, "wrong", T0 + MINUTE, cap));
        outcomes.push(await code(pendingHash, "wrong", newSession(), T0 + MINUTE, cap));
      }
      expect(outcomes.filter((o) => o.reason !== "locked")).toHaveLength(10);
      expect(outcomes.slice(10).map((o) => o.reason)).toEqual(["locked", "locked"]);
      expect(await approve(links[3]!.tokenHash, NUMBER_RIGHT, T0 + MINUTE, cap)).toMatchObject({ ok: false, reason: "locked" });
    });

    it("S27: 20 parallel wrong guesses over 4 links evaluate at most 10", async () => {
      await signUp("bea@example.com");
      const links: Awaited<ReturnType<typeof pendingLink>>[] = [];
      for (let i = 0; i < 4; i++) links.push(await pendingLink("bea@example.com"));
      const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => code(links[i % 4]!.pendingHash, "wrong", newSession(), T0 + MINUTE, cap)));
      const evaluated = outcomes.filter((o) => !o.ok && o.reason !== "locked").length;
      expect(evaluated).toBeLessThanOrEqual(10);
      expect(evaluated).toBeGreaterThan(0);
    });

    it("S27: past the cap, one more guess an hour, never ten", async () => {
      await signUp("dot@example.com");
      const links: Awaited<ReturnType<typeof pendingLink>>[] = [];
      for (let i = 0; i < 3; i++) links.push(await pendingLink("dot@example.com", T0, T0 + 10 * 60 * MINUTE));
      const guess = async (i: number, at: number) => {
        const outcome = await code(links[i % 3]!.pendingHash, "wrong", newSession(at), at, cap);
        return outcome as Extract<typeof outcome, { ok: false }>;
      };
      for (let i = 0; i < 10; i++) expect((await guess(i, T0 + MINUTE)).reason).not.toBe("locked");
      expect(await guess(10, T0 + MINUTE)).toMatchObject({ reason: "locked", retryAt: T0 + 61 * MINUTE });
      // An hour on, one guess is checked (and, wrong, locks the address again at once), and the next is refused.
      const hourLater = T0 + 62 * MINUTE;
      links[2] = await pendingLink("dot@example.com", hourLater, hourLater + 60 * MINUTE);
      expect((await guess(2, hourLater)).reason).not.toBe("locked");
      expect((await guess(2, hourLater)).reason).toBe("locked");
    });

    it("S27: a link used by its holder lifts the lock at once", async () => {
      await signUp("cal@example.com");
      const links: Awaited<ReturnType<typeof pendingLink>>[] = [];
      for (let i = 0; i < 2; i++) links.push(await pendingLink("cal@example.com"));
      for (let i = 0; i < 5; i++) for (const { pendingHash } of links) await code(pendingHash, "wrong", newSession(), T0 + MINUTE, cap);
      const mailed = await link("cal@example.com", T0 + MINUTE);
      expect((await store.redeemLoginToken({ tokenHash: mailed.tokenHash, now: T0 + 2 * MINUTE, session: newSession() })).ok).toBe(true);
      const next = await pendingLink("cal@example.com", T0 + 2 * MINUTE);
      expect(await code(next.pendingHash, CODE_RIGHT, newSession(), T0 + 3 * MINUTE, cap)).toMatchObject({ ok: true });
    });
  });
}
