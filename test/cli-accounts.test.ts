/**
 * `sesame accounts …` and `sesame sessions revoke …` against a running server's SQLite
 * file: what an operator sees (never a token or a session secret), what each command
 * changes, and its exit code.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { client, mailsArrived, processSandbox, run } from "./process.js";

const box = processSandbox("cli-accounts");

describe("sesame accounts and sessions", () => {
  it("lists, shows, logs out and deletes accounts, printing nothing that logs anyone in", async () => {
    const mailPath = join(box.dir, "mail.jsonl");
    const env = { SESAME_DB: join(box.dir, "sesame.db"), SESAME_MAILER: `file:${mailPath}` };
    const server = await box.serve(env);
    const secrets: string[] = [];
    async function signUp(email: string, name: string, userAgent: string) {
      const browser = client(server.url, { "user-agent": userAgent });
      const before = (await mailsArrived(mailPath, 0)).length;
      await browser("/magic", { email });
      const mail = (await mailsArrived(mailPath, before + 1))[before]!;
      const token = new URL(mail.url).searchParams.get("token")!;
      const answer = await browser("/signup", { token, name });
      secrets.push(token, answer.headers.getSetCookie()[0]!.split(";")[0]!.split("=")[1]!);
      return browser;
    }
    const ada = await signUp("ada@example.com", "Ada", "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0");
    const bob = await signUp("bob@example.org", "Bob", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0 Safari/537.36");

    const list = await run(["accounts", "list"], env);
    expect(list.code).toBe(0);
    const lines = list.stdout
      .trim()
      .split("\n")
      .map((line) => line.split("\t"));
    expect(lines.map((cells) => cells.slice(1, 3))).toEqual([
      ["ada@example.com", "Ada"],
      ["bob@example.org", "Bob"],
    ]);
    const adaId = lines[0]![0]!;
    const searched = await run(["accounts", "list", "--email", "EXAMPLE.ORG", "--limit", "5"], env);
    expect(
      searched.stdout
        .trim()
        .split("\n")
        .map((line) => line.split("\t")[1]),
    ).toEqual(["bob@example.org"]);

    const shown = await run(["accounts", "show", "Ada@Example.com"], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`id: ${adaId}`);
    expect(shown.stdout).toContain("sessions: 1");
    expect(shown.stdout).toContain("Firefox on Linux, network 127.0.0.x");
    expect((await run(["accounts", "show", adaId], env)).stdout).toContain("email: ada@example.com");

    const revoked = await run(["sessions", "revoke", "bob@example.org"], env);
    expect([revoked.code, revoked.stdout.trim()]).toEqual([0, expect.stringContaining("ended 1 session(s)")]);
    expect((await bob("/session")).status).toBe(401);
    expect((await ada("/session")).status).toBe(200);

    const deleted = await run(["accounts", "delete", adaId], env);
    expect(deleted.code).toBe(0);
    expect((await ada("/session")).status).toBe(401);
    const mails = await mailsArrived(mailPath, 3);
    expect(mails[2]).toMatchObject({ to: "ada@example.com", kind: "account", subject: "Your Sesame account was deleted" });
    expect((await run(["check"], env)).code).toBe(0);

    const missing = await run(["accounts", "show", "ada@example.com"], env);
    expect([missing.code, missing.stderr.trim()]).toEqual([5, 'sesame: no account "ada@example.com"']);
    expect((await run(["accounts", "list", "--limit", "0"], env)).code).toBe(2);
    expect((await run(["accounts", "remove", "x"], env)).code).toBe(2);
    expect((await run(["accounts", "show"], env)).code).toBe(2);

    const invited = await run(["accounts", "invite", "Gus@Example.com"], env);
    expect([invited.code, invited.stdout]).toEqual([0, expect.stringContaining("a sign-up link went to gus@example.com")]);
    const inviteMail = (await mailsArrived(mailPath, 4))[3]!;
    expect(inviteMail).toMatchObject({ to: "gus@example.com", kind: "signup" });
    expect(invited.stdout).not.toContain(new URL(inviteMail.url).searchParams.get("token")!);
    expect((await run(["accounts", "invite", "bob@example.org"], env)).code).toBe(6);

    const printed = [list, searched, shown, revoked, deleted].map((r) => r.stdout + r.stderr).join("\n");
    for (const secret of secrets) expect(printed).not.toContain(secret);
  });
});
