/**
 * S20 across processes: `sesame serve` issues a token and serves its key set over HTTP;
 * this process checks the token with jose. `sesame keys rotate` adds a key that signs at once.
 */
import { join } from "node:path";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { client, mailsArrived, processSandbox, run, serve } from "./process.js";

const box = processSandbox("tokens");

describe("access tokens from sesame serve", () => {
  it("S20: a token from POST /token verifies with jose against the JWKS the server publishes; keys rotate with sesame keys rotate", async () => {
    const db = join(box.dir, "sesame.db");
    const mailPath = join(box.dir, "mail.jsonl");
    const issuer = "http://127.0.0.1:1";
    const env = { SESAME_DB: db, SESAME_MAILER: `file:${mailPath}`, SESAME_BASE_URL: issuer, SESAME_TOKEN_AUDIENCE: "https://api.example.com" };
    const server = await serve(env, box.running);
    const browser = client(server.url);
    await browser("/magic", { email: "ada@example.com" });
    const [mail] = await mailsArrived(mailPath, 1);
    await browser("/signup", { token: new URL(mail!.url).searchParams.get("token")!, name: "Ada" });

    expect((await fetch(`${server.url}/token`, { method: "POST" })).status).toBe(401); // no cookie, no token
    const issued = (await (await browser("/token", {})).json()) as { access_token: string; expires_in: number };
    expect(issued.expires_in).toBe(300);

    // The issuer is the base URL, where links point (not where this request came in).
    const jwks = createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(issued.access_token, jwks, { issuer, audience: "https://api.example.com", algorithms: ["ES256"] });
    expect(payload).toMatchObject({ email: "ada@example.com", name: "Ada", email_verified: true });

    const rotated = await run(["keys", "rotate"], env);
    expect(rotated.code, rotated.stderr).toBe(0);
    const first = decodeProtectedHeader(issued.access_token).kid!;
    const kid = rotated.stdout.match(/key (\S+) \(generation 2\) signs access tokens from now on/)?.[1];
    expect(kid).toBeDefined();
    expect(kid).not.toBe(first);
    // A server started now signs with the new key and still publishes the old one.
    await server.stop();
    const next = await serve(env, box.running);
    const again = client(next.url);
    await again("/magic", { email: "bob@example.com" });
    const [, bobMail] = await mailsArrived(mailPath, 2);
    await again("/signup", { token: new URL(bobMail!.url).searchParams.get("token")!, name: "Bob" });
    const token = ((await (await again("/token", {})).json()) as { access_token: string }).access_token;
    expect(decodeProtectedHeader(token).kid).toBe(kid);
    const published = (await (await fetch(`${next.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    expect(published.keys.map((k) => k.kid)).toEqual([first, kid]);
  });
});
