/**
 * ES256 JSON Web Tokens and keys with Web Crypto alone, so that every runtime signs the
 * same way: a P-256 key pair, its public JWK and RFC 7638 thumbprint (the `kid`), and a
 * compact JWS whose signature is the raw r‖s Web Crypto produces (what JWS wants).
 */
import { encodeBase64Url } from "../token.js";

const encoder = new TextEncoder();
const ALGORITHM = { name: "ECDSA", namedCurve: "P-256" } as const;

/** The public half as a JSON Web Key, with the members a JWKS carries. */
export interface PublicJwk {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
  kid: string;
  alg: "ES256";
  use: "sig";
}

export interface GeneratedKey {
  publicJwk: PublicJwk;
  /** The private JWK as JSON: sealed before it is stored. */
  privateJwk: string;
}

export async function generateSigningKey(): Promise<GeneratedKey> {
  const pair = (await crypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"])) as CryptoKeyPair;
  const pub = await crypto.subtle.exportKey("jwk", pair.publicKey);
  const priv = await crypto.subtle.exportKey("jwk", pair.privateKey);
  const kid = await thumbprint(pub.x!, pub.y!);
  return {
    publicJwk: { kty: "EC", crv: "P-256", x: pub.x!, y: pub.y!, kid, alg: "ES256", use: "sig" },
    privateJwk: JSON.stringify({ kty: "EC", crv: "P-256", x: priv.x, y: priv.y, d: priv.d }),
  };
}

/** RFC 7638: SHA-256 over the required members in lexicographic order, base64url. */
async function thumbprint(x: string, y: string): Promise<string> {
  const canonical = `{"crv":"P-256","kty":"EC","x":"${x}","y":"${y}"}`;
  return encodeBase64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(canonical))));
}

export function importPrivateKey(privateJwk: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("jwk", JSON.parse(privateJwk) as JsonWebKey, ALGORITHM, false, ["sign"]);
}

const json = (value: unknown) => encodeBase64Url(encoder.encode(JSON.stringify(value)));

/** A compact JWS: header.payload.signature, each base64url. */
export async function signJwt(claims: Record<string, unknown>, kid: string, key: CryptoKey): Promise<string> {
  const input = `${json({ alg: "ES256", typ: "JWT", kid })}.${json(claims)}`;
  const signature = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key, encoder.encode(input));
  return `${input}.${encodeBase64Url(new Uint8Array(signature))}`;
}
