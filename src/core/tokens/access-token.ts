/**
 * Access tokens: for a live session, a short-lived ES256 JWT that another service checks
 * against the published key set (/.well-known/jwks.json) without asking Sesame. A token
 * cannot be recalled: after logging out, one already issued lives out its `exp` (minutes).
 */
import type { FlowContext } from "../flow-context.js";
import { createSealer } from "../mail/seal.js";
import { findLiveSession } from "../sessions/session.js";
import { encodeBase64Url } from "../token.js";
import { signJwt } from "./jwt.js";
import { createKeyRing } from "./signing-keys.js";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The longest lifetime a token may be given. */
export const MAX_TOKEN_TTL = 60 * MINUTE;

export type AccessTokenOutcome =
  | { ok: true; accessToken: string; tokenType: "Bearer"; expiresIn: number }
  /** No live session: logged out, expired, or never logged in. */
  | { ok: false; reason: "unauthenticated" };

export function accessTokenFlows({ config }: FlowContext) {
  const { now, random, sha256, accessTokens: settings } = config;
  const ring = createKeyRing(config, createSealer(config.secret, random, "signing keys v1"), {
    rotation: settings.keyRotation,
    // Announced a day ahead (JWKS caches last an hour at most), or half a short rotation.
    announce: Math.min(DAY, settings.keyRotation / 2),
    // Whatever lifetime another instance is configured with, a replaced key outlives its tokens; five minutes for skewed clocks.
    retireAfter: MAX_TOKEN_TTL + 5 * MINUTE,
  });

  /** A token for the session a cookie holds; no token for a session that has ended. */
  async function issueAccessToken(sessionToken: unknown): Promise<AccessTokenOutcome> {
    const live = await findLiveSession(config, sessionToken);
    if (!live) return { ok: false, reason: "unauthenticated" };
    const { kid, key } = await ring.signingKey();
    const { account } = live.session;
    const iat = Math.floor(now() / 1000);
    const expiresIn = Math.floor(settings.ttl / 1000);
    const jti = new Uint8Array(16);
    random(jti);
    const profile = Object.fromEntries(
      settings.profileClaims.filter((name) => account.profile[name] !== undefined).map((name) => [name, account.profile[name]]),
    );
    const claims = {
      iss: settings.issuer,
      sub: account.id,
      aud: settings.audience,
      email: account.email,
      email_verified: true,
      ...(account.name !== null && { name: account.name }),
      ...profile,
      // Names the session without revealing its secret or the hash the database keys it by.
      sid: (await sha256(`sid:${live.idHash}`)).slice(0, 22),
      iat,
      nbf: iat,
      exp: iat + expiresIn,
      jti: encodeBase64Url(jti),
    };
    return { ok: true, accessToken: await signJwt(claims, kid, key), tokenType: "Bearer", expiresIn };
  }

  return {
    issueAccessToken,
    /** The public keys for /.well-known/jwks.json and how long a cache may keep them. */
    publishedKeys: ring.publicKeys,
    /** A new signing key from now on (`sesame keys rotate`); the old ones stay published until their tokens expire. */
    rotateSigningKeys: ring.rotate,
  };
}
