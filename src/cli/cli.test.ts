/**
 * `sesame`'s configuration, in process (main() is what bin/sesame.js runs): the same
 * mistake gives the same message as on Workers and Vercel, and a renamed variable
 * still works with a warning. test/cli.test.ts runs the built CLI as a process.
 */
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { main } from "./cli.js";
import { optionsFromEnv } from "../platforms/env-options.js";

const dir = mkdtempSync(join(tmpdir(), "sesame-cli-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const SERVERLESS = {
  SESAME_BASE_URL: "https://auth.example.com",
  SESAME_SECRET: "a secret of at least thirty-two characters",
  SESAME_MAIL_FROM: "Example <no-reply@example.com>",
  RESEND_API_KEY: "re_test",
};

/** The command's exit code and what it printed to stderr, one entry a line. */
async function sesame(command: string, env: Record<string, string>): Promise<{ code: number; stderr: string[] }> {
  const stderr: string[] = [];
  vi.spyOn(console, "error").mockImplementation((line: unknown) => void stderr.push(String(line)));
  vi.spyOn(console, "log").mockImplementation(() => {});
  const code = await main([command], { SESAME_DB: join(dir, command, "sesame.db"), ...env });
  vi.restoreAllMocks();
  return { code, stderr };
}

function serverlessRefusal(env: Record<string, string>): string {
  vi.spyOn(console, "warn").mockImplementation(() => {});
  try {
    optionsFromEnv({ ...SERVERLESS, ...env });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe("one configuration reader for `sesame` and the serverless entries", () => {
  it.each([
    ["SESAME_BASE_URL", "ftp://auth.example.com"],
    ["SESAME_SECRET", "hunter2-hunter2"],
    ["SESAME_MAIL_FROM", "Example Bcc:victim@evil.test"],
    ["SESAME_ACCENT_COLOR", "red;background:url(https://evil.example/x)"],
    ["SESAME_LOGO_URL", "//cdn.example/logo.png"],
    ["SESAME_RATE_LIMIT_ADDRESS", "five per hour"],
    ["SESAME_RATE_LIMIT_CLIENT", "30"],
    ["SESAME_UNIFORM_RESPONSES", "maybe"],
    ["SESAME_GUESS_LIMIT", "ten"],
    ["SESAME_GUESS_LIMIT", "500/60"],
    ["SESAME_LOGIN_NOTICES", "sometimes"],
    ["SESAME_MAIL_RETRY_SECONDS", "0"],
    ["SESAME_MAIL_LEASE_SECONDS", "soon"],
  ])("%s=%j: `sesame serve` prints, as its one line, the message Workers and Vercel answer 503 with", async (name, value) => {
    const message = serverlessRefusal({ [name]: value });
    expect(await sesame("serve", { [name]: value })).toEqual({ code: 1, stderr: [`sesame: ${message}`] });
  });

  it("reads MAIL_FROM, the old name of SESAME_MAIL_FROM, with one warning line, and names it in a refusal", async () => {
    const warning = "sesame: warning: MAIL_FROM is renamed SESAME_MAIL_FROM: the old name is read until the next release, so rename it";
    expect(await sesame("migrate", { MAIL_FROM: "Sesame <no-reply@example.com>" })).toEqual({ code: 0, stderr: [warning] });
    const refused = await sesame("migrate", { MAIL_FROM: "Example Bcc:victim@evil.test" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toHaveLength(2);
    expect(refused.stderr[0]).toBe(warning);
    expect(refused.stderr[1]).toBe(`sesame: ${serverlessRefusal({ SESAME_MAIL_FROM: "", MAIL_FROM: "Example Bcc:victim@evil.test" })}`);
    expect(refused.stderr[1]).toMatch(/^sesame: MAIL_FROM must be one mailbox/);
  });
});

describe.skipIf(process.platform === "win32")("S32: `sesame` refuses files someone else could read, at start, in one line", () => {
  it("S32: `sesame deliver` and `sesame serve` refuse a key file readable by others (mode 644)", async () => {
    for (const command of ["deliver", "serve"]) {
      const db = join(dir, `s32-${command}`, "sesame.db");
      const key = `${db}.key`;
      mkdirSync(join(dir, `s32-${command}`), { recursive: true });
      writeFileSync(key, `${"k".repeat(43)}\n`);
      chmodSync(key, 0o644);
      expect(await sesame(command, { SESAME_DB: db })).toEqual({
        code: 1,
        stderr: [`sesame: the key file ${key} is readable by group or others (mode 644): chmod 600 it, or delete it if someone else may have read it`],
      });
    }
  });

  it.skipIf(process.getuid?.() !== 0)(
    "S32: `sesame migrate` refuses a database file that belongs to another user (needs root to chown it to uid 1; skipped otherwise)",
    async () => {
      const db = join(dir, "s32-migrate", "sesame.db");
      mkdirSync(join(dir, "s32-migrate"), { recursive: true });
      writeFileSync(db, "");
      chownSync(db, 1, 1);
      expect(await sesame("migrate", { SESAME_DB: db })).toEqual({
        code: 1,
        stderr: [
          `sesame: the SQLite file ${db} belongs to another user (uid 1), who can read what it holds: keep the database in a folder only this user can write`,
        ],
      });
    },
  );
});
