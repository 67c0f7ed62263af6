/** What the benchmark's workloads start from, written straight to the store: an account with a live session, and login tokens for it. */
import { hashToken } from "../dist/core/token.js";
import { aesGcm, sha256 } from "../dist/platforms/node.js";

/** The Sesame options every bench process shares (the server, the storage ceiling's recording, bench/inproc.mjs). */
export const benchOptions = {
  baseUrl: "http://127.0.0.1:8787",
  // Per-client limits would refuse a load generator on one address; per-address limits stay on.
  rateLimits: { perClient: [] },
  // As `sesame serve` does.
  sha256,
  aesGcm,
  // Logging every request to stdout would measure the terminal; a real deployment ships logs elsewhere.
  log: () => {},
};

/** Distinct login tokens for one account, written straight to the store before the timed window. */
export async function issueTokens(store, count) {
  const email = "bench@example.com";
  const now = Date.now();
  const tokens = [];
  const make = async () => {
    const token = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
    await store.createLinkToken({ email, tokenHash: await hashToken(token), now, signupExpiresAt: now + 3600_000, loginExpiresAt: now + 3600_000 });
    tokens.push(token);
  };
  for (let i = 0; i < count; i += 16) await Promise.all(Array.from({ length: Math.min(16, count - i) }, make));
  return tokens;
}

export async function prepareAccount(store) {
  const email = "bench@example.com";
  const now = Date.now();
  const token = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
  await store.createLinkToken({ email, tokenHash: await hashToken(token), now, signupExpiresAt: now + 3600_000, loginExpiresAt: now + 3600_000 });
  const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
  const session = {
    idHash: await hashToken(secret),
    createdAt: now,
    idleExpiresAt: now + 86_400_000,
    absoluteExpiresAt: now + 86_400_000,
    userAgent: null,
    network: null,
  };
  const created = await store.completeSignup({
    key: { tokenHash: await hashToken(token) },
    now,
    account: { id: "bench", name: "Bench", profile: {} },
    session,
  });
  if (!created.ok) throw new Error(`could not prepare the bench account: ${created.reason}`);
  return secret; // the session secret whose hash was stored
}
