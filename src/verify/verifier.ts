/**
 * `sesame/verify`: checks Sesame's access tokens in another service, without asking
 * Sesame per request. Built on jose; runs wherever `fetch` and Web Crypto do (Node,
 * workerd, Deno, Bun).
 *
 *   const verify = createVerifier({ issuer: "https://example.com/auth", audience: "https://example.com",
 *     jwksUrl: "https://example.com/auth/.well-known/jwks.json" });
 *   const result = await verify(request); // { ok: true, claims } or { ok: false, code, message }
 *
 * The key set is cached, and fetched again on meeting an unknown `kid` (a rotated key) at
 * most once per `cooldownMs`. Only ES256 is accepted: `alg: none` and an HMAC token made
 * with the public key as its secret fail before any key is used.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";

export interface VerifierOptions {
  /** Sesame's base URL without its trailing slash: the `iss` it writes. */
  issuer: string;
  /** The `aud` Sesame is configured with (by default its base URL's origin). */
  audience: string | string[];
  /** Sesame's `<base URL>/.well-known/jwks.json`. */
  jwksUrl: string;
  /** Seconds of clock difference allowed on `exp` and `nbf`. Default 5. */
  clockToleranceSeconds?: number;
  /** After a fetch, the least time before an unknown `kid` may cause another. Default 30 000 ms. */
  cooldownMs?: number;
  /** How long a fetched key set is used before it is fetched again. Default 10 minutes. */
  cacheMaxAgeMs?: number;
  /** How many verified tokens to remember until they expire. Default 1000; 0 checks every signature. */
  verifiedTokens?: number;
}

/** What Sesame puts in every access token. */
export interface SesameClaims extends JWTPayload {
  iss: string;
  sub: string;
  aud: string | string[];
  email: string;
  email_verified: true;
  name?: string;
  /** An opaque reference to the session the token was issued for. */
  sid: string;
  iat: number;
  nbf: number;
  exp: number;
  jti: string;
}

export type VerificationFailureCode =
  | "missing_token"
  | "malformed"
  | "bad_algorithm"
  | "unknown_key"
  | "bad_signature"
  | "expired"
  | "not_yet_valid"
  | "wrong_issuer"
  | "wrong_audience"
  | "invalid_claims"
  | "jwks_unavailable";

export type Verification = { ok: true; claims: SesameClaims } | { ok: false; code: VerificationFailureCode; message: string };

export type Verify = (tokenOrRequest: string | Request) => Promise<Verification>;

export function createVerifier(options: VerifierOptions): Verify {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: options.cooldownMs ?? 30_000,
    cacheMaxAge: options.cacheMaxAgeMs ?? 600_000,
    timeoutDuration: 5_000,
  });
  const tolerance = options.clockToleranceSeconds ?? 5;
  const remembered = new Map<string, SesameClaims>();
  const limit = options.verifiedTokens ?? 1000;
  return async (tokenOrRequest) => {
    const token = typeof tokenOrRequest === "string" ? tokenOrRequest : bearerToken(tokenOrRequest);
    if (!token) return { ok: false, code: "missing_token", message: "No bearer token: send Authorization: Bearer <token>." };
    const known = remembered.get(token);
    if (known) {
      const now = Date.now() / 1000;
      if (known.exp > now - tolerance && known.nbf <= now + tolerance) return { ok: true, claims: known };
      remembered.delete(token); // checked again below, which names the failure
    }
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ["ES256"],
        clockTolerance: tolerance,
        requiredClaims: ["sub", "email", "sid", "iat", "nbf", "exp", "jti"],
      });
      const claims = payload as SesameClaims;
      if (limit > 0) {
        // Oldest first out: a Map keeps insertion order.
        if (remembered.size >= limit) remembered.delete(remembered.keys().next().value!);
        remembered.set(token, claims);
      }
      return { ok: true, claims };
    } catch (error) {
      return { ok: false, ...failureOf(error) };
    }
  };
}

/** The token in `Authorization: Bearer …`, or undefined. */
export function bearerToken(request: Request): string | undefined {
  const match = request.headers.get("authorization")?.match(/^Bearer ([A-Za-z0-9_.-]+)$/i);
  return match?.[1];
}

function failureOf(error: unknown): { code: VerificationFailureCode; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof errors.JWTExpired) return { code: "expired", message };
  if (error instanceof errors.JWTClaimValidationFailed) {
    const byClaim: Partial<Record<string, VerificationFailureCode>> = { iss: "wrong_issuer", aud: "wrong_audience", nbf: "not_yet_valid" };
    return { code: byClaim[error.claim] ?? "invalid_claims", message };
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return { code: "bad_algorithm", message };
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return { code: "unknown_key", message };
  if (error instanceof errors.JWSSignatureVerificationFailed) return { code: "bad_signature", message };
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error instanceof TypeError) return { code: "jwks_unavailable", message };
  return { code: "malformed", message };
}
