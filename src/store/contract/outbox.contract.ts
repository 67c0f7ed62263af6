/** The mail outbox: written with its link, leased, claimed, settled, dropped and purged (S32). */
import { beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../core/ports.js";
import { MINUTE, T0, unique, type StoreCases } from "./helpers.contract.js";

export function outboxCases({ current, link, signUp }: StoreCases): void {
  describe("the mail outbox", () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    /** A link with its mail queued, leased to `owner` for a minute (as a request's own first try is). */
    async function linkWithMail(email: string, owner = "first-try", at = T0) {
      const id = unique("mail");
      return { id, ...(await link(email, at, { id, sealed: `sealed-${id}`, leaseOwner: owner, leaseUntil: at + MINUTE, nextAttemptAt: at })) };
    }
    const claim = (owner: string, at: number, limit = 50) => store.claimMail({ owner, now: at, leaseUntil: at + MINUTE, limit });

    it("is written with the token, to the address and kind the store chose, leased to its writer", async () => {
      await signUp("oli@example.com");
      const { id } = await linkWithMail("oli@example.com");
      // Under the writer's lease nobody else may take it...
      expect((await claim("other", T0 + 30_000)).claimed).toEqual([]);
      // ...and once the lease has run out, a deliverer does: as a login mail with the sealed box intact.
      const { claimed } = await claim("other", T0 + MINUTE);
      expect(claimed).toEqual([
        { id, kind: "login", to: "oli@example.com", sealed: `sealed-${id}`, expiresAt: T0 + 10 * MINUTE, attempts: 2, leaseUntil: T0 + 2 * MINUTE },
      ]);
    });

    it("an outcome from an earlier claim records nothing once the mail was claimed again, even by the same owner", async () => {
      const { id } = await linkWithMail("ola@example.com", "me");
      // The first try outlives its lease; the same instance's delivery pass claims the mail again.
      const { claimed } = await claim("me", T0 + MINUTE);
      expect(claimed.map((m) => [m.id, m.attempts])).toEqual([[id, 2]]);
      // The first try ends late with a failure: it must not release the second try's claim.
      expect(await store.settleMail("me", [{ id, attempts: 1, outcome: "retry", at: T0 + MINUTE, nextAttemptAt: T0 + MINUTE, error: "late" }])).toBe(0);
      expect(await store.settleMail("me", [{ id, attempts: 2, outcome: "delivered", at: T0 + MINUTE }])).toBe(1);
      expect((await claim("other", T0 + 3 * MINUTE)).claimed).toEqual([]);
    });

    it("counts for metrics the mails waiting, the oldest one's time, and those held under a lease", async () => {
      expect(await store.outboxStats(T0)).toEqual({ queued: 0, oldestCreatedAt: null, inFlight: 0 });
      const { id } = await linkWithMail("ivy@example.com", "me", T0);
      await linkWithMail("ivo@example.com", "me", T0 + 1000);
      expect(await store.outboxStats(T0 + 2000)).toEqual({ queued: 2, oldestCreatedAt: T0, inFlight: 2 });
      expect(await store.outboxStats(T0 + 2 * MINUTE)).toEqual({ queued: 2, oldestCreatedAt: T0, inFlight: 0 });
      await store.settleMail("me", [{ id, attempts: 1, outcome: "delivered", at: T0 + 2000 }]);
      expect(await store.outboxStats(T0 + 3000)).toEqual({ queued: 1, oldestCreatedAt: T0 + 1000, inFlight: 1 });
    });

    it("a rate-limited request queues no mail", async () => {
      const limits = [{ key: "address:pam@example.com", interval: 60_000, tolerance: 0 }];
      const queued = async () => {
        const id = unique("mail");
        const created = await store.createLinkToken({
          email: "pam@example.com",
          tokenHash: unique("token"),
          now: T0,
          signupExpiresAt: T0 + MINUTE,
          loginExpiresAt: T0 + MINUTE,
          limits,
          mail: { id, sealed: "x", leaseOwner: "w", leaseUntil: T0, nextAttemptAt: T0 },
        });
        return created.ok;
      };
      expect(await queued()).toBe(true);
      expect(await queued()).toBe(false);
      expect((await claim("d", T0)).claimed).toHaveLength(1);
    });

    it("a recorded outcome needs the lease: a delivered mail is never claimed again, a retry waits for its time", async () => {
      const delivered = await linkWithMail("pia@example.com");
      const retried = await linkWithMail("quin@example.com");
      expect(await store.settleMail("someone-else", [{ id: delivered.id, attempts: 1, outcome: "delivered", at: T0 }])).toBe(0);
      expect(
        await store.settleMail("first-try", [
          { id: delivered.id, attempts: 1, outcome: "delivered", at: T0 },
          { id: retried.id, attempts: 1, outcome: "retry", at: T0, nextAttemptAt: T0 + 5 * MINUTE, error: "connection refused" },
        ]),
      ).toBe(2);
      // Recording again changes nothing: the lease is gone with the first record.
      expect(await store.settleMail("first-try", [{ id: delivered.id, attempts: 1, outcome: "delivered", at: T0 }])).toBe(0);
      expect((await claim("d", T0 + 4 * MINUTE)).claimed).toEqual([]);
      const later = await claim("d", T0 + 5 * MINUTE);
      expect(later.claimed.map((m) => m.id)).toEqual([retried.id]);
      expect(await store.findInvariantViolations()).toEqual([]);
    });

    it("a mail still queued when its link expires is dropped, not claimed", async () => {
      await signUp("rex@example.com");
      const { id } = await linkWithMail("rex@example.com");
      await store.settleMail("first-try", [{ id, attempts: 1, outcome: "retry", at: T0, nextAttemptAt: T0 + MINUTE, error: "down" }]);
      expect(await claim("d", T0 + 10 * MINUTE)).toEqual({ claimed: [], dropped: 1 });
      expect(await claim("d", T0 + 11 * MINUTE)).toEqual({ claimed: [], dropped: 0 });
    });

    it("two deliverers claiming at once never get the same mail", async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 30; i++) {
        const { id } = await linkWithMail(`many${i}@example.com`);
        await store.settleMail("first-try", [{ id, attempts: 1, outcome: "retry", at: T0, nextAttemptAt: T0, error: "down" }]);
        ids.add(id);
      }
      const rounds = await Promise.all(["a", "b", "c", "a2", "b2", "c2"].map((owner) => claim(owner, T0 + 1000, 10)));
      const claimed = rounds.flatMap((r) => r.claimed.map((m) => m.id));
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.every((id) => ids.has(id))).toBe(true);
    });

    it("S32: a sent or dropped mail keeps nothing sealed", async () => {
      await signUp("uli@example.com");
      const sent = await linkWithMail("uli@example.com");
      const given = await linkWithMail("uli@example.com");
      const expired = await linkWithMail("uli@example.com");
      await store.settleMail("first-try", [
        { id: sent.id, attempts: 1, outcome: "delivered", at: T0 },
        { id: given.id, attempts: 1, outcome: "dropped", at: T0, reason: "bounced" },
        { id: expired.id, attempts: 1, outcome: "retry", at: T0, nextAttemptAt: T0 + MINUTE, error: "down" },
      ]);
      // The third is dropped by a claim after its link expired.
      expect((await claim("d", T0 + 10 * MINUTE)).dropped).toBe(1);
      expect(await store.findInvariantViolations()).toEqual([]);
    });

    it("purging removes finished mails and keeps pending ones", async () => {
      const done = await linkWithMail("sal@example.com");
      const pending = await linkWithMail("tia@example.com");
      await store.settleMail("first-try", [{ id: done.id, attempts: 1, outcome: "delivered", at: T0 }]);
      expect((await store.purgeExpired(T0 - 7 * 24 * 60 * MINUTE)).mails).toBe(1);
      expect((await claim("d", T0 + MINUTE)).claimed.map((m) => m.id)).toEqual([pending.id]);
    });
  });
}
