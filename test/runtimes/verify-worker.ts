/** A Worker in front of an API: answers with the claims of a valid bearer token, 401 with the code otherwise. */
import { createVerifier } from "../../src/verify/verifier.js";

export default {
  async fetch(request: Request, env: { ISSUER: string; JWKS_URL: string }): Promise<Response> {
    const result = await createVerifier({ issuer: env.ISSUER, audience: env.ISSUER, jwksUrl: env.JWKS_URL })(request);
    return Response.json(result.ok ? { email: result.claims.email } : { error: result.code }, { status: result.ok ? 200 : 401 });
  },
};
