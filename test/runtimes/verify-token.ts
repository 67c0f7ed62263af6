/**
 * Run by Deno and Bun (bundled): sesame/verify checks two tokens against a key set served
 * by the test, and prints what it made of each.
 */
import { createVerifier } from "../../src/verify/verifier.js";

const env = (name: string): string => {
  const g = globalThis as { Deno?: { env: { get(name: string): string | undefined } }; process?: { env: Record<string, string | undefined> } };
  return g.Deno?.env.get(name) ?? g.process?.env[name] ?? "";
};

const verify = createVerifier({ issuer: env("ISSUER"), audience: env("ISSUER"), jwksUrl: env("JWKS_URL") });
const good = await verify(new Request("http://api.example/", { headers: { authorization: `Bearer ${env("TOKEN")}` } }));
const bad = await verify(env("BAD_TOKEN"));
console.log(
  `VERIFIED ${JSON.stringify({ good: good.ok ? { ok: true, email: good.claims.email } : good, bad: bad.ok ? { ok: true } : { ok: false, code: bad.code } })}`,
);
