/** The checks for access tokens. */
import type { AccessTokenConfig, ResolvedSignupField } from "../core/config.js";
import type { AccessTokenOptions } from "../options.js";
import { invalid, seconds } from "./option-checks.js";

const DAY = 24 * 3600 * 1000;

export function parseAccessTokens(options: AccessTokenOptions = {}, baseUrl: URL, basePath: string, fields: ResolvedSignupField[]): AccessTokenConfig {
  const audience = options.audience ?? baseUrl.origin;
  if (typeof audience !== "string" || audience === "") throw invalid("accessTokens.audience must be a non-empty string");
  const known = new Set(fields.map((field) => field.name).filter((name) => name !== "name"));
  for (const name of options.profileClaims ?? []) {
    if (!known.has(name)) throw invalid(`accessTokens.profileClaims: "${name}" is not a sign-up field (name is always included)`);
  }
  const rotationDays = options.keyRotationDays ?? 30;
  if (!Number.isFinite(rotationDays) || rotationDays < 1 || rotationDays > 365) throw invalid("accessTokens.keyRotationDays must be from 1 to 365");
  return {
    issuer: baseUrl.origin + basePath.replace(/\/$/, ""),
    audience,
    ttl: seconds(options.ttlSeconds, 300, "accessTokens.ttlSeconds", 60, 3600),
    profileClaims: [...(options.profileClaims ?? [])],
    keyRotation: rotationDays * DAY,
  };
}
