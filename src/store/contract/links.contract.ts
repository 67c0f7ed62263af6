/**
 * Links and sign-up: the token an address gets, what inspecting one tells, and redemption
 * once only, for its own purpose and lifetime (S03, S04, S05).
 */
import { beforeEach, expect, it } from "vitest";
import type { Store } from "../../core/ports.js";
import { CODE_RIGHT, LIMITS, MINUTE, newSession, NUMBER_RIGHT, T0, unique, type StoreCases } from "./helpers.contract.js";

export function linkCases({ current, link, signUp, pendingLink }: StoreCases): void {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

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
      status: "valid",
      kind: "login",
      email: "bob@example.com",
      expiresAt,
      createdAt: T0,
      pendingHash: null,
      requestedBy: null,
      requestedFrom: null,
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
      key: { tokenHash: login.tokenHash },
      now: T0,
      account: { id: unique("account"), name: null, profile: {} },
      session: newSession(),
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
      ok: false,
      reason: "expired",
      accountId: account.id,
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
      key: { tokenHash },
      now: T0,
      account: { id: unique("account"), name: "Hal", profile: { team: "blue" } },
      session: newSession(),
    });
    expect(first.ok && first.account).toMatchObject({ email: "hal@example.com", name: "Hal", profile: { team: "blue" } });
    const again = await store.completeSignup({
      key: { tokenHash },
      now: T0,
      account: { id: unique("account"), name: "Hal", profile: {} },
      session: newSession(),
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

  it("reads the sign-up link a completion would use, by its token or by the browser that asked, without using it", async () => {
    const { tokenHash } = await link("nia@example.com");
    const byToken = await store.inspectSignupLink({ tokenHash }, T0 + MINUTE);
    expect(byToken).toMatchObject({ status: "valid", kind: "signup", email: "nia@example.com" });
    const pending = await pendingLink("oz@example.com");
    expect(await store.inspectSignupLink({ pendingHash: pending.pendingHash }, T0 + MINUTE)).toMatchObject({ status: "valid", email: "oz@example.com" });
    expect(await store.inspectSignupLink({ tokenHash: "unknown" }, T0)).toEqual({ status: "invalid" });
    await signUp("nia@example.com");
    // Reading it changed nothing; once the address has an account (by another link), the link says so.
    expect(await store.inspectSignupLink({ tokenHash }, T0 + MINUTE)).toEqual({ status: "account_exists", email: "nia@example.com" });
  });

  it("with sign-ups closed, an address without an account gets a decoy: stored and charged like a link, never mailed, never usable", async () => {
    await signUp("known@example.com");
    const limits = [{ key: "address:nobody@example.com", interval: 20 * MINUTE, tolerance: 20 * MINUTE }];
    const ask = (email: string, at: number) =>
      store.createLinkToken({
        email,
        tokenHash: unique("token"),
        now: at,
        signupExpiresAt: at + 10 * MINUTE,
        loginExpiresAt: at + 10 * MINUTE,
        limits: limits.map((limit) => ({ ...limit, key: `address:${email}` })),
        pending: {
          pendingHash: unique("pending"),
          codeHash: CODE_RIGHT,
          approvalHash: NUMBER_RIGHT,
          requestedBy: null,
          requestedFrom: null,
          expiresAt: at + 10 * MINUTE,
        },
        mail: { id: unique("mail"), sealed: "sealed", leaseOwner: "asker", leaseUntil: at + MINUTE, nextAttemptAt: at },
        signupClosed: true,
      });
    expect(await ask("known@example.com", T0 + MINUTE)).toMatchObject({ ok: true, kind: "login" });
    const decoy = await ask("nobody@example.com", T0 + MINUTE);
    expect(decoy).toEqual({ ok: true, kind: "signup", email: "nobody@example.com", decoy: true });
    // Charged alike: the third request within the limit is refused for both.
    for (const email of ["known@example.com", "nobody@example.com"]) {
      expect((await ask(email, T0 + 2 * MINUTE)).ok).toBe(true);
      expect(await ask(email, T0 + 3 * MINUTE)).toMatchObject({ ok: false, reason: "rate_limited" });
    }
    // Only the known address's mail is queued.
    const { claimed } = await store.claimMail({ owner: "deliverer", now: T0 + 4 * MINUTE, leaseUntil: T0 + 5 * MINUTE, limit: 10 });
    expect(claimed.map((mail) => mail.to)).toEqual(["known@example.com", "known@example.com"]);
    expect(await store.findInvariantViolations()).toEqual([]);
  });

  it("a decoy's token, code and approval never work", async () => {
    const tokenHash = unique("token");
    const pendingHash = unique("pending");
    const at = T0;
    const created = await store.createLinkToken({
      email: "ghost@example.com",
      tokenHash,
      now: at,
      signupExpiresAt: at + 10 * MINUTE,
      loginExpiresAt: at + 10 * MINUTE,
      pending: { pendingHash, codeHash: CODE_RIGHT, approvalHash: NUMBER_RIGHT, requestedBy: null, requestedFrom: null, expiresAt: at + 10 * MINUTE },
      signupClosed: true,
    });
    expect(created).toMatchObject({ decoy: true });
    expect(await store.inspectLinkToken(tokenHash, "signup", at + MINUTE)).toEqual({ status: "invalid" });
    const completed = await store.completeSignup({
      key: { tokenHash },
      now: at + MINUTE,
      account: { id: unique("account"), name: null, profile: {} },
      session: newSession(at + MINUTE),
    });
    expect(completed).toEqual({ ok: false, reason: "invalid" });
    // The right code for a real request is wrong here, as every other guess.
    const guessed = await store.redeemCode({ pendingHash, codeHash: CODE_RIGHT, now: at + MINUTE, ...LIMITS, session: newSession(at + MINUTE) });
    expect(guessed).toMatchObject({ ok: false, reason: "wrong_code" });
    const approved = await store.approveLogin({
      tokenHash,
      approvalHash: NUMBER_RIGHT,
      now: at + MINUTE,
      maxAttempts: 3,
      maxCodeAttempts: 5,
      guessHash: unique("guess"),
    });
    expect(approved.ok).toBe(false);
    expect(await store.findAccount({ email: "ghost@example.com" })).toBeNull();
    expect(await store.findInvariantViolations()).toEqual([]);
  });
}
