/**
 * The behaviour every Store must show. Each store's test file calls
 * runStoreContract with a way to open a fresh, empty, migrated store.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GuessCap, NewSession, OutboxEntry, Store } from "../core/ports.js";

export interface OpenedStore {
  store: Store;
  close(): Promise<void> | void;
}

const MINUTE = 60_000;
const T0 = Date.UTC(2030, 0, 1);

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2)}`;
}

function newSession(at = T0): NewSession {
  return { idHash: unique("session"), createdAt: at, idleExpiresAt: at + 60 * MINUTE, absoluteExpiresAt: at + 120 * MINUTE };
}

export function runStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`${name}: Store contract`, () => {
    let opened: OpenedStore;
    let store: Store;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened.close();
    });

    async function link(email: string, at = T0, mail?: OutboxEntry) {
      const tokenHash = unique("token");
      const created = await store.createLinkToken({
        email,
        tokenHash,
        now: at,
        signupExpiresAt: at + 8 * 60 * MINUTE,
        loginExpiresAt: at + 10 * MINUTE,
        ...(mail && { mail }),
      });
      return { tokenHash, created };
    }

    async function signUp(email: string, name = "Ada") {
      const { tokenHash } = await link(email);
      const result = await store.completeSignup({
        key: { tokenHash },
        now: T0 + MINUTE,
        account: { id: unique("account"), name, profile: {} },
        session: newSession(T0 + MINUTE),
      });
      if (!result.ok) throw new Error(`sign-up failed: ${result.reason}`);
      return result.account;
    }

    it("an unknown address gets a sign-up token, a known one a login token", async () => {
      const first = await link("ada@example.com");
      expect(first.created).toEqual({ ok: true, kind: "signup", email: "ada@example.com" });
      const account = await signUp("ada@example.com");
      const second = await link("ada@example.com");
      expect(second.created).toEqual({ ok: true, kind: "login", email: "ada@example.com", accountId: account.id });
    });

    it("inspecting a token tells valid, invalid, expired and used apart, and changes nothing", async () => {
      await signUp("bob@example.com");
      const { tokenHash } = await link("bob@example.com");
      const expiresAt = T0 + 10 * MINUTE;
      expect(await store.inspectLinkToken(tokenHash, "login", expiresAt - 1000)).toEqual({
        status: "valid", kind: "login", email: "bob@example.com", expiresAt, createdAt: T0, pendingHash: null, requestedBy: null, requestedFrom: null,
      });
      expect(await store.inspectLinkToken(tokenHash, "login", expiresAt + 1000)).toEqual({ status: "expired" });
      expect(await store.inspectLinkToken("no-such-token", "login", T0)).toEqual({ status: "invalid" });
      // Inspecting many times leaves the token usable.
      for (let i = 0; i < 5; i++) await store.inspectLinkToken(tokenHash, "login", T0);
      const redeemed = await store.redeemLoginToken({ tokenHash, now: T0 + MINUTE, session: newSession() });
      expect(redeemed.ok).toBe(true);
      expect(await store.inspectLinkToken(tokenHash, "login", T0 + MINUTE)).toEqual({ status: "used" });
    });

    it("S04: a token works only for its own purpose", async () => {
      const signup = await link("cy@example.com");
      expect(await store.redeemLoginToken({ tokenHash: signup.tokenHash, now: T0, session: newSession() })).toEqual({ ok: false, reason: "invalid" });
      expect(await store.inspectLinkToken(signup.tokenHash, "login", T0)).toEqual({ status: "invalid" });
      await signUp("dee@example.com");
      const login = await link("dee@example.com");
      const attempt = await store.completeSignup({
        key: { tokenHash: login.tokenHash }, now: T0, account: { id: unique("account"), name: null, profile: {} }, session: newSession(),
      });
      expect(attempt).toEqual({ ok: false, reason: "invalid" });
    });

    it("S05: a login token is valid until its expiry and not a moment after", async () => {
      const account = await signUp("eve@example.com");
      const early = await link("eve@example.com");
      const late = await link("eve@example.com");
      const expiry = T0 + 10 * MINUTE;
      expect((await store.redeemLoginToken({ tokenHash: early.tokenHash, now: expiry - 1000, session: newSession(expiry - 1000) })).ok).toBe(true);
      expect(await store.redeemLoginToken({ tokenHash: late.tokenHash, now: expiry + 1000, session: newSession(expiry + 1000) })).toEqual({
        ok: false, reason: "expired", accountId: account.id,
      });
    });

    it("login redemption starts a session for the token's account, once", async () => {
      const account = await signUp("fay@example.com", "Fay");
      const { tokenHash } = await link("fay@example.com");
      const session = newSession();
      const result = await store.redeemLoginToken({ tokenHash, now: T0 + MINUTE, session });
      expect(result).toEqual({ ok: true, account });
      const found = await store.findSession(session.idHash, T0 + 2 * MINUTE);
      expect(found?.account).toEqual(account);
      // A failure names the link's account, for the audit log.
      expect(await store.redeemLoginToken({ tokenHash, now: T0 + MINUTE, session: newSession() })).toEqual({ ok: false, reason: "used", accountId: account.id });
    });

    it("S03: 50 parallel redemptions of one login token give exactly one session", async () => {
      await signUp("gus@example.com");
      const { tokenHash } = await link("gus@example.com");
      const sessions = Array.from({ length: 50 }, () => newSession());
      const results = await Promise.all(sessions.map((session) => store.redeemLoginToken({ tokenHash, now: T0 + MINUTE, session })));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.reason === "used")).toHaveLength(49);
      const live = await Promise.all(sessions.map((s) => store.findSession(s.idHash, T0 + MINUTE)));
      expect(live.filter(Boolean)).toHaveLength(1);
    });

    it("sign-up creates one account per address; the token's second use is told the account exists", async () => {
      const { tokenHash } = await link("hal@example.com");
      const first = await store.completeSignup({
        key: { tokenHash }, now: T0, account: { id: unique("account"), name: "Hal", profile: { team: "blue" } }, session: newSession(),
      });
      expect(first.ok && first.account).toMatchObject({ email: "hal@example.com", name: "Hal", profile: { team: "blue" } });
      const again = await store.completeSignup({
        key: { tokenHash }, now: T0, account: { id: unique("account"), name: "Hal", profile: {} }, session: newSession(),
      });
      expect(again).toEqual({ ok: false, reason: "account_exists", email: "hal@example.com" });
      expect(await store.inspectLinkToken(tokenHash, "signup", T0)).toEqual({ status: "account_exists", email: "hal@example.com" });
    });

    it("S03: 20 parallel sign-ups with one token create one account and one session", async () => {
      const { tokenHash } = await link("ivy@example.com");
      const attempts = Array.from({ length: 20 }, () => ({ id: unique("account"), session: newSession() }));
      const results = await Promise.all(
        attempts.map((a) => store.completeSignup({ key: { tokenHash }, now: T0, account: { id: a.id, name: "Ivy", profile: {} }, session: a.session })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.reason === "account_exists")).toHaveLength(19);
      const live = await Promise.all(attempts.map((a) => store.findSession(a.session.idHash, T0)));
      expect(live.filter(Boolean)).toHaveLength(1);
    });

    it("S03: two sign-up tokens for one address, redeemed in parallel, create one account", async () => {
      const tokens = await Promise.all(Array.from({ length: 8 }, () => link("jo@example.com")));
      const results = await Promise.all(
        tokens.map(({ tokenHash }) =>
          store.completeSignup({ key: { tokenHash }, now: T0, account: { id: unique("account"), name: "Jo", profile: {} }, session: newSession() }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.reason === "account_exists")).toHaveLength(7);
      const next = await link("jo@example.com");
      expect(next.created).toMatchObject({ kind: "login" });
    });

    it("an expired or unknown sign-up token creates nothing", async () => {
      const { tokenHash } = await link("kim@example.com");
      const late = T0 + 8 * 60 * MINUTE + 1000;
      const account = { id: unique("account"), name: null, profile: {} };
      expect(await store.completeSignup({ key: { tokenHash }, now: late, account, session: newSession(late) })).toEqual({ ok: false, reason: "expired" });
      expect(await store.completeSignup({ key: { tokenHash: "unknown" }, now: T0, account, session: newSession() })).toEqual({ ok: false, reason: "invalid" });
      expect((await link("kim@example.com")).created).toMatchObject({ kind: "signup" });
    });

    it("S17: logging in drops the browser's earlier session, but a failed login keeps it", async () => {
      await signUp("lou@example.com");
      const before = newSession();
      const first = await link("lou@example.com");
      await store.redeemLoginToken({ tokenHash: first.tokenHash, now: T0, session: before });
      const failed = await store.redeemLoginToken({ tokenHash: first.tokenHash, now: T0, session: newSession(), replacedSessionHash: before.idHash });
      expect(failed.ok).toBe(false);
      expect(await store.findSession(before.idHash, T0)).not.toBeNull();
      const second = await link("lou@example.com");
      const after = newSession();
      const ok = await store.redeemLoginToken({ tokenHash: second.tokenHash, now: T0, session: after, replacedSessionHash: before.idHash });
      expect(ok.ok).toBe(true);
      expect(await store.findSession(before.idHash, T0)).toBeNull();
      expect(await store.findSession(after.idHash, T0)).not.toBeNull();
    });

    it("S19: sessions end at the idle or absolute timeout, can be extended, and deleted", async () => {
      await signUp("max@example.com");
      const { tokenHash } = await link("max@example.com");
      const session = newSession();
      await store.redeemLoginToken({ tokenHash, now: T0, session });
      expect(await store.findSession(session.idHash, session.idleExpiresAt - 1)).not.toBeNull();
      expect(await store.findSession(session.idHash, session.idleExpiresAt)).toBeNull();
      await store.extendSession(session.idHash, session.absoluteExpiresAt + MINUTE);
      expect(await store.findSession(session.idHash, session.idleExpiresAt + MINUTE)).not.toBeNull();
      expect(await store.findSession(session.idHash, session.absoluteExpiresAt)).toBeNull();
      await store.deleteSession(session.idHash);
      expect(await store.findSession(session.idHash, T0)).toBeNull();
    });

    describe("the mail outbox", () => {
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
        expect(claimed).toEqual([{ id, kind: "login", to: "oli@example.com", sealed: `sealed-${id}`, expiresAt: T0 + 10 * MINUTE, attempts: 2, leaseUntil: T0 + 2 * MINUTE }]);
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

      it("a rate-limited request queues no mail", async () => {
        const limits = [{ key: "address:pam@example.com", interval: 60_000, tolerance: 0 }];
        const queued = async () => {
          const id = unique("mail");
          const created = await store.createLinkToken({
            email: "pam@example.com", tokenHash: unique("token"), now: T0, signupExpiresAt: T0 + MINUTE, loginExpiresAt: T0 + MINUTE, limits,
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

    it("purging removes only rows that expired before the cut-off", async () => {
      const old = await link("old@example.com", T0 - 30 * 24 * 60 * MINUTE);
      const fresh = await link("new@example.com");
      const purged = await store.purgeExpired(T0 - 7 * 24 * 60 * MINUTE);
      expect(purged.linkTokens).toBe(1);
      expect(await store.inspectLinkToken(old.tokenHash, "signup", T0)).toEqual({ status: "invalid" });
      expect((await store.inspectLinkToken(fresh.tokenHash, "signup", T0)).status).toBe("valid");
    });

    describe("S10: rate limits, charged in the same step as the token", () => {
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

    describe("pending requests: the asking browser, its code, approval from another device", () => {
      const CODE_RIGHT = "right-code-hash";
      const NUMBER_RIGHT = "right-number-hash";
      const LIMITS = { maxAttempts: 5, maxApprovalAttempts: 3 };
      async function pendingLink(email: string, at = T0, pendingUntil = at + 60 * MINUTE) {
        const tokenHash = unique("token");
        const pendingHash = unique("pending");
        const created = await store.createLinkToken({
          email, tokenHash, now: at, signupExpiresAt: at + 60 * MINUTE, loginExpiresAt: at + 10 * MINUTE,
          pending: {
            pendingHash, codeHash: CODE_RIGHT, approvalHash: NUMBER_RIGHT, requestedBy: "Mozilla/5.0 (Macintosh) Firefox/130.0",
            requestedFrom: "203.0.113.x", expiresAt: pendingUntil,
          },
        });
        return { tokenHash, pendingHash, created };
      }
      const code = (pendingHash: string, codeHash: string, session = newSession(), at = T0 + MINUTE, guessCap?: GuessCap) =>
        store.redeemCode({ pendingHash, codeHash, now: at, ...LIMITS, session, guessCap });
      const approve = (tokenHash: string, approvalHash = NUMBER_RIGHT, at = T0 + MINUTE, guessCap?: GuessCap) =>
        store.approveLogin({ tokenHash, approvalHash, now: at, maxAttempts: 3, maxCodeAttempts: 5, guessCap, guessHash: unique("guess") });

      it("remembers who asked and from which network, and redeems for that browser only when asked to", async () => {
        await signUp("pia@example.com");
        const { tokenHash, pendingHash } = await pendingLink("pia@example.com");
        expect(await store.inspectLinkToken(tokenHash, "login", T0)).toMatchObject({
          status: "valid", pendingHash, requestedBy: "Mozilla/5.0 (Macintosh) Firefox/130.0", requestedFrom: "203.0.113.x", createdAt: T0,
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
          await store.completeSignup({ key: { pendingHash: unverified.pendingHash }, now: T0, account: { ...account, id: unique("account") }, session: newSession() }),
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
        expect(await store.redeemLoginToken({ tokenHash: denied.tokenHash, now: T0 + MINUTE, session: newSession() })).toMatchObject({ ok: false, reason: "denied" });
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
        expect(await store.completeSignup({ key: { tokenHash: signup.tokenHash }, now: T0 + MINUTE, account, session: newSession() })).toEqual({ ok: false, reason: "denied" });
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
        const notice = (id: string) => ({ id, sealed: `sealed-${id}`, leaseOwner: "w", leaseUntil: T0 + MINUTE, nextAttemptAt: T0 + MINUTE, expiresAt: T0 + 24 * 60 * MINUTE });
        const byCode = await pendingLink("xia@example.com");
        const wrong = await store.redeemCode({ pendingHash: byCode.pendingHash, codeHash: "wrong", now: T0 + MINUTE, ...LIMITS, session: newSession(), notice: notice("n-wrong") });
        expect(wrong.ok).toBe(false);
        expect((await store.redeemCode({ pendingHash: byCode.pendingHash, codeHash: CODE_RIGHT, now: T0 + MINUTE, ...LIMITS, session: newSession(), notice: notice("n-code") })).ok).toBe(true);
        const byApproval = await pendingLink("xia@example.com");
        expect(await store.claimApproval({ pendingHash: byApproval.pendingHash, now: T0 + MINUTE, session: newSession(), notice: notice("n-early") })).toEqual({ ok: false, reason: "waiting" });
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

      describe("S27: wrong guesses are capped per address, over all its links", () => {
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
          const outcomes = await Promise.all(
            Array.from({ length: 20 }, (_, i) => code(links[i % 4]!.pendingHash, "wrong", newSession(), T0 + MINUTE, cap)),
          );
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
    });

    it("after sign-ups, logins, races, codes, approvals and purges, every invariant holds", async () => {
      await signUp("inv@example.com");
      const { tokenHash } = await link("inv@example.com");
      await Promise.all(Array.from({ length: 10 }, () => store.redeemLoginToken({ tokenHash, now: T0 + MINUTE, session: newSession() })));
      const tokens = await Promise.all(Array.from({ length: 4 }, () => link("twin@example.com")));
      await Promise.all(
        tokens.map(({ tokenHash: hash }) =>
          store.completeSignup({ key: { tokenHash: hash }, now: T0, account: { id: unique("account"), name: null, profile: {} }, session: newSession() }),
        ),
      );
      await store.purgeExpired(T0);
      expect(await store.findInvariantViolations()).toEqual([]);
    });

    it("answers a ping", async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
