/** Routes for machines, not browsers (/metrics, the admin API): a bearer token, compared in constant time. */

/** True when the request carries `Authorization: Bearer <token>` with exactly this token. */
export async function hasBearer(request: Request, token: string, sha256: (text: string) => string | Promise<string>): Promise<boolean> {
  const given = request.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1] ?? "";
  return sameSecret(given, token, sha256);
}

/** Equal strings, in time that does not depend on where they differ: their hashes compared whole. */
async function sameSecret(given: string, expected: string, sha256: (text: string) => string | Promise<string>): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(expected)]);
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
