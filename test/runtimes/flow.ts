/**
 * The whole flow over real HTTP against a Sesame served elsewhere: sign up, check the
 * session, log out, log in from a second browser with the mailed link.
 */
import { expect } from "vitest";
import { client, mailsArrived } from "../process.js";
import type { ServedElsewhere } from "./served.js";

const tokenIn = (url: string) => new URL(url).searchParams.get("token")!;

export async function signUpAndLogIn(served: ServedElsewhere): Promise<void> {
  // Mail leaves after the answer: wait for the count-th one to this address.
  const newest = async (to: string, count: number) => (await mailsArrived(served.mailPath, count, (mail) => mail.to === to)).at(-1)!;
  const ada = client(served.url);
  expect((await ada("/")).status).toBe(200);
  expect((await ada("/magic", { email: "Ada@Example.com" })).status).toBe(303);
  const signup = await newest("ada@example.com", 1);
  expect(signup.subject).toContain("Finish signing up");
  expect((await ada("/signup", { token: tokenIn(signup.url), name: "Ada" })).status).toBe(303);
  const session = await ada("/session", undefined);
  expect(session.status).toBe(200);
  expect(await session.json()).toMatchObject({ account: { email: "ada@example.com", name: "Ada" } });
  expect((await ada("/logout", {})).status).toBe(303);
  expect((await ada("/session")).status).toBe(401);

  // The login link opened in another browser: a confirmation page, then the POST.
  expect((await ada("/magic", { email: "ada@example.com" })).status).toBe(303);
  const login = await newest("ada@example.com", 2);
  expect(login.subject).toContain("login link");
  const phone = client(served.url);
  const confirm = await phone(`/login?token=${tokenIn(login.url)}`);
  expect(confirm.status).toBe(200);
  expect((await phone("/login", { token: tokenIn(login.url) })).status).toBe(303);
  expect((await (await phone("/session")).json()).account.email).toBe("ada@example.com");
  expect((await phone("/login", { token: tokenIn(login.url) })).status).toBe(410);

  // Bad input is a clear 4xx, never a 500.
  expect((await ada("/magic", { email: "not an address" })).status).toBe(400);
  expect((await ada("/login", { token: "x" })).status).toBeLessThan(500);
}
