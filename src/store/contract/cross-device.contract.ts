/**
 * Pending requests: the asking browser, its code (S06), approval from another device with
 * the number it shows (S26), Not me (S31), and the notice a login by code or approval queues.
 * The guess cap over all of an address's links (S27) runs inside, from guess-cap.contract.ts.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../core/ports.js";
import { guessCapCases } from "./guess-cap.contract.js";
import { CODE_RIGHT, LIMITS, MINUTE, newSession, NUMBER_RIGHT, T0, unique, type StoreCases } from "./helpers.contract.js";

export function crossDeviceCases(cases: StoreCases): void {
  const { current, link, signUp, pendingLink, code, approve } = cases;
  describe("pending requests: the asking browser, its code, approval from another device", () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    it("remembers who asked and from which network, and redeems for that browser only when asked to", async () => {
      await signUp("pia@example.com");
      const { tokenHash, pendingHash } = await pendingLink("pia@example.com");
      expect(await store.inspectLinkToken(tokenHash, "login", T0)).toMatchObject({
        status: "valid",
        pendingHash,
        requestedBy: "Mozilla/5.0 (Macintosh) Firefox/130.0",
        requestedFrom: "203.0.113.x",
        createdAt: T0,
      });
      const other = await store.redeemLoginToken({ tokenHash, now: T0, session: newSession(), pendingHash: "another-browser" });
      expect(other.ok).toBe(false);
      expect((await store.redeemLoginToken({ tokenHash, now: T0, session: newSession(), pendingHash })).ok).toBe(true);
    });

    it("S06: a code is right once; wrong guesses count down, and after five even the right code is refused", async () => {
      const account = await signUp("quin@example.com");
      const first = await pendingLink("quin@example.com");
      for (let left = 4; left >= 1; left--) {
        expect(await code(first.pendingHash, "wrong")).toEqual({ ok: false, reason: "wrong_code", attemptsLeft: left, accountId: account.id });
      }
      const right = await code(first.pendingHash, CODE_RIGHT);
      expect(right).toMatchObject({ ok: true, kind: "login", account: { email: "quin@example.com" } });
      expect(await code(first.pendingHash, CODE_RIGHT)).toEqual({ ok: false, reason: "used", accountId: account.id });

      const second = await pendingLink("quin@example.com");
      for (let i = 0; i < 5; i++) await code(second.pendingHash, "wrong");
      expect(await code(second.pendingHash, CODE_RIGHT)).toEqual({ ok: false, reason: "too_many_attempts", accountId: account.id });
      expect(await code("no-such-browser", CODE_RIGHT)).toEqual({ ok: false, reason: "no_request" });
    });

    it("S03/S06: 20 parallel submissions of the right code give one session", async () => {
      await signUp("ray@example.com");
      const { pendingHash } = await pendingLink("ray@example.com");
      const sessions = Array.from({ length: 20 }, () => newSession());
      const results = await Promise.all(sessions.map((session) => code(pendingHash, CODE_RIGHT, session)));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const live = await Promise.all(sessions.map((session) => store.findSession(session.idHash, T0 + MINUTE)));
      expect(live.filter(Boolean)).toHaveLength(1);
    });

    it("a sign-up code lets the asking browser complete the sign-up, once", async () => {
      const { pendingHash } = await pendingLink("sal@example.com");
      expect(await code(pendingHash, CODE_RIGHT)).toEqual({ ok: true, kind: "signup", email: "sal@example.com" });
      const account = { id: unique("account"), name: "Sal", profile: {} };
      expect(await store.completeSignup({ key: { pendingHash: "other" }, now: T0, account, session: newSession() })).toEqual({ ok: false, reason: "invalid" });
      const done = await store.completeSignup({ key: { pendingHash }, now: T0 + MINUTE, account, session: newSession() });
      expect(done).toMatchObject({ ok: true, account: { email: "sal@example.com" } });
      const unverified = await pendingLink("sam@example.com");
      expect(
        await store.completeSignup({
          key: { pendingHash: unverified.pendingHash },
          now: T0,
          account: { ...account, id: unique("account") },
          session: newSession(),
        }),
      ).toEqual({ ok: false, reason: "invalid" });
    });

    it("an approval from another device is claimed once by the asking browser; Not me kills the link", async () => {
      const account = await signUp("tia@example.com");
      const { tokenHash, pendingHash } = await pendingLink("tia@example.com");
      const claim = (session = newSession()) => store.claimApproval({ pendingHash, now: T0 + MINUTE, session });
      expect(await claim()).toEqual({ ok: false, reason: "waiting" });
      expect(await approve(tokenHash)).toEqual({ ok: true, accountId: account.id });
      expect(await claim()).toMatchObject({ ok: true, account: { email: "tia@example.com" } });
      expect(await claim()).toEqual({ ok: false, reason: "used" });
      expect(await approve(tokenHash)).toEqual({ ok: false, reason: "used" });

      const denied = await pendingLink("tia@example.com");
      expect(await store.denyLink(denied.tokenHash, T0 + MINUTE)).toEqual({ ok: true, kind: "login", accountId: account.id });
      expect(await store.claimApproval({ pendingHash: denied.pendingHash, now: T0 + MINUTE, session: newSession() })).toEqual({ ok: false, reason: "denied" });
      expect(await store.redeemLoginToken({ tokenHash: denied.tokenHash, now: T0 + MINUTE, session: newSession() })).toMatchObject({
        ok: false,
        reason: "denied",
      });
      expect(await approve(denied.tokenHash)).toEqual({ ok: false, reason: "denied" });
    });

    it("S26: an approval needs the asking browser's number; three wrong numbers kill the request", async () => {
      const account = await signUp("una@example.com");
      const { tokenHash, pendingHash } = await pendingLink("una@example.com");
      expect(await approve(tokenHash, "wrong")).toEqual({ ok: false, reason: "wrong_number", attemptsLeft: 2, accountId: account.id });
      expect(await store.claimApproval({ pendingHash, now: T0 + MINUTE, session: newSession() })).toEqual({ ok: false, reason: "waiting" });
      expect(await approve(tokenHash, "wrong")).toEqual({ ok: false, reason: "wrong_number", attemptsLeft: 1, accountId: account.id });
      expect(await approve(tokenHash, "wrong")).toEqual({ ok: false, reason: "too_many_attempts", accountId: account.id });
      // Dead: the right number, the asking browser, its code and the link itself all fail now.
      expect(await approve(tokenHash)).toEqual({ ok: false, reason: "too_many_attempts", accountId: account.id });
      expect(await store.claimApproval({ pendingHash, now: T0 + MINUTE, session: newSession() })).toEqual({ ok: false, reason: "denied" });
      expect((await code(pendingHash, CODE_RIGHT)).ok).toBe(false);
      expect((await store.redeemLoginToken({ tokenHash, now: T0 + MINUTE, session: newSession() })).ok).toBe(false);
      expect(await store.findInvariantViolations()).toEqual([]);
    });

    it("S03: an approval racing a direct redemption gives exactly one session", async () => {
      await signUp("uma@example.com");
      for (let round = 0; round < 5; round++) {
        const { tokenHash, pendingHash } = await pendingLink("uma@example.com");
        const direct = newSession();
        const claimed = newSession();
        const [redeemed, approvedThenClaimed] = await Promise.all([
          store.redeemLoginToken({ tokenHash, now: T0 + MINUTE, session: direct }),
          approve(tokenHash).then(() => store.claimApproval({ pendingHash, now: T0 + MINUTE, session: claimed })),
        ]);
        const outcomes = [redeemed.ok, approvedThenClaimed.ok];
        expect(outcomes.filter(Boolean)).toHaveLength(1);
        const live = [await store.findSession(direct.idHash, T0 + MINUTE), await store.findSession(claimed.idHash, T0 + MINUTE)];
        expect(live.filter(Boolean)).toHaveLength(1);
      }
    });

    it("S31: Not me ends a sign-up request as it ends a login request, so a denial tells nothing about the address", async () => {
      await signUp("ida@example.com");
      const login = await pendingLink("ida@example.com");
      const signup = await pendingLink("new-ida@example.com");
      expect(await store.denyLink(login.tokenHash, T0 + MINUTE)).toMatchObject({ ok: true, kind: "login" });
      expect(await store.denyLink(signup.tokenHash, T0 + MINUTE)).toEqual({ ok: true, kind: "signup", accountId: null });
      for (const { pendingHash } of [login, signup]) {
        expect(await store.claimApproval({ pendingHash, now: T0 + MINUTE, session: newSession() })).toEqual({ ok: false, reason: "denied" });
        expect(await code(pendingHash, CODE_RIGHT)).toMatchObject({ ok: false, reason: "denied" });
      }
      expect(await store.inspectLinkToken(signup.tokenHash, "signup", T0 + MINUTE)).toEqual({ status: "denied" });
      const account = { id: unique("account"), name: null, profile: {} };
      expect(await store.completeSignup({ key: { tokenHash: signup.tokenHash }, now: T0 + MINUTE, account, session: newSession() })).toEqual({
        ok: false,
        reason: "denied",
      });
      expect(await store.denyLink(signup.tokenHash, T0 + MINUTE)).toEqual({ ok: false, reason: "denied" });
      expect(await store.findInvariantViolations()).toEqual([]);
    });

    it("a link asked for without a browser cannot be approved from another device", async () => {
      await signUp("val@example.com");
      const { tokenHash } = await link("val@example.com");
      expect(await approve(tokenHash)).toEqual({ ok: false, reason: "invalid" });
    });

    it("S31: the code and the approval end at the request's own limit, for a sign-up link as for a login link", async () => {
      await signUp("wyn@example.com");
      const login = await pendingLink("wyn@example.com", T0, T0 + 10 * MINUTE);
      const signup = await pendingLink("new-wyn@example.com", T0, T0 + 10 * MINUTE);
      const late = T0 + 11 * MINUTE;
      for (const { pendingHash } of [login, signup]) {
        expect(await code(pendingHash, "wrong", newSession(), late)).toMatchObject({ ok: false, reason: "expired" });
        expect(await code(pendingHash, CODE_RIGHT, newSession(), late)).toMatchObject({ ok: false, reason: "expired" });
        expect(await store.claimApproval({ pendingHash, now: late, session: newSession() })).toEqual({ ok: false, reason: "expired" });
      }
      expect(await approve(login.tokenHash, NUMBER_RIGHT, late)).toEqual({ ok: false, reason: "expired" });
      // The sign-up link itself still works for its own lifetime.
      expect((await store.inspectLinkToken(signup.tokenHash, "signup", late)).status).toBe("valid");
    });

    it("a login by code or approval queues its notice in the same step; a failed one queues none", async () => {
      await signUp("xia@example.com");
      const notice = (id: string) => ({
        id,
        sealed: `sealed-${id}`,
        leaseOwner: "w",
        leaseUntil: T0 + MINUTE,
        nextAttemptAt: T0 + MINUTE,
        expiresAt: T0 + 24 * 60 * MINUTE,
      });
      const byCode = await pendingLink("xia@example.com");
      const wrong = await store.redeemCode({
        pendingHash: byCode.pendingHash,
        codeHash: "wrong",
        now: T0 + MINUTE,
        ...LIMITS,
        session: newSession(),
        notice: notice("n-wrong"),
      });
      expect(wrong.ok).toBe(false);
      expect(
        (
          await store.redeemCode({
            pendingHash: byCode.pendingHash,
            codeHash: CODE_RIGHT,
            now: T0 + MINUTE,
            ...LIMITS,
            session: newSession(),
            notice: notice("n-code"),
          })
        ).ok,
      ).toBe(true);
      const byApproval = await pendingLink("xia@example.com");
      expect(await store.claimApproval({ pendingHash: byApproval.pendingHash, now: T0 + MINUTE, session: newSession(), notice: notice("n-early") })).toEqual({
        ok: false,
        reason: "waiting",
      });
      await approve(byApproval.tokenHash);
      const claimed = await store.claimApproval({ pendingHash: byApproval.pendingHash, now: T0 + MINUTE, session: newSession(), notice: notice("n-approval") });
      expect(claimed.ok).toBe(true);
      const { claimed: mails } = await store.claimMail({ owner: "d", now: T0 + 2 * MINUTE, leaseUntil: T0 + 3 * MINUTE, limit: 10 });
      expect(mails.map((m) => [m.id, m.kind, m.to]).sort()).toEqual([
        ["n-approval", "notice", "xia@example.com"],
        ["n-code", "notice", "xia@example.com"],
      ]);
      expect(await store.findInvariantViolations()).toEqual([]);
    });

    guessCapCases(cases);
  });
}
