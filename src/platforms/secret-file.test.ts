/**
 * S32 (at rest): the key file beside a SQLite database is created owner-only, and an
 * existing one is used only if this process's user owns it and no one else may read or
 * write it (as ssh's StrictModes). Real files; the another-user cases chown a file to
 * uid 1, which only root may do (the tests run as root here and in CI).
 */
import { chmodSync, chownSync, existsSync, lchownSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../core/errors.js";
import { readSecret } from "./secret-file.js";

const AS_ROOT = process.getuid?.() === 0;
if (process.platform !== "win32" && !AS_ROOT) {
  console.warn("secret-file.test.ts: the S32 another-user cases are skipped: they need root, to chown a file to uid 1");
}

let dir: string;
let db: string;
let key: string;
let umask: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sesame-key-"));
  db = join(dir, "sesame.db");
  key = `${db}.key`;
  umask = process.umask(0o022); // the usual one, which leaves new files readable by everyone
});
afterEach(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

const read = () => readSecret({ secret: undefined, database: { type: "sqlite", path: db } });
const KEY = `${"k".repeat(43)}\n`;

/** The error readSecret throws, or a failure when it reads the key. */
function refusal(): ConfigError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe("invalid_options");
    expect((error as Error).message).not.toContain("\n");
    expect((error as Error).message).not.toContain("k".repeat(43)); // never echoes the key
    return error as ConfigError;
  }
  throw new Error("the key file was read");
}

describe.skipIf(process.platform === "win32")("S32: the key file beside the database", () => {
  it("S32: a new key file is created 0600 under umask 022, and the next start reads the same key", () => {
    const first = read();
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(read()).toBe(first);
  });

  it.each([
    ["644", "readable"],
    ["640", "readable"],
    ["604", "readable"],
    ["620", "writable"],
    ["602", "writable"],
  ])("S32: an existing key file with mode %s is refused as %s by group or others, and left as it is", (octal, how) => {
    const mode = parseInt(octal, 8);
    writeFileSync(key, KEY);
    chmodSync(key, mode);
    expect(refusal().message).toBe(
      `the key file ${key} is ${how} by group or others (mode ${octal}): chmod 600 it, or delete it if someone else may have read it`,
    );
    expect(statSync(key).mode & 0o777).toBe(mode); // not narrowed: the key may be out already
    chmodSync(key, 0o600); // what the message says to do, when no one else can have read it
    expect(read()).toBe(KEY.trim());
  });

  it("S32: SESAME_SECRET takes the key file's place: a refused one is not read", () => {
    writeFileSync(key, KEY);
    chmodSync(key, 0o644);
    expect(readSecret({ secret: "s".repeat(32), database: { type: "sqlite", path: db } })).toBe("s".repeat(32));
  });

  describe.skipIf(!AS_ROOT)("S32: another user's key file (needs root to chown a file to uid 1; skipped otherwise)", () => {
    it("S32: a key file that belongs to another user (uid 1) is refused, even at mode 0600, naming the file and the owner", () => {
      writeFileSync(key, KEY, { mode: 0o600 });
      chownSync(key, 1, 1);
      expect(refusal().message).toBe(
        `the key file ${key} belongs to another user (uid 1), who can read the key: set SESAME_SECRET, or keep SESAME_DB in a folder only this user can write`,
      );
      expect(readFileSync(key, "utf8")).toBe(KEY); // left as it is
    });

    it("S32: a key file of this user's reached through a symbolic link another user made is refused", () => {
      const mine = join(dir, "mine.key");
      writeFileSync(mine, KEY, { mode: 0o600 });
      symlinkSync(mine, key);
      lchownSync(key, 1, 1);
      expect(refusal().message).toBe(
        `the key file ${key} is a symbolic link that belongs to another user (uid 1): set SESAME_SECRET, or keep SESAME_DB in a folder only this user can write`,
      );
    });

    it("S32: a symbolic link another user made in the key file's place, leading nowhere, is refused as theirs", () => {
      symlinkSync(join(dir, "nowhere.key"), key);
      lchownSync(key, 1, 1);
      expect(refusal().message).toMatch(/^the key file .*sesame\.db\.key is a symbolic link that belongs to another user \(uid 1\)/);
      expect(existsSync(join(dir, "nowhere.key"))).toBe(false); // nothing written through it
    });

    it("S32: a symbolic link this user made to another user's key file is refused for the file it leads to", () => {
      const theirs = join(dir, "theirs.key");
      writeFileSync(theirs, KEY, { mode: 0o600 });
      chownSync(theirs, 1, 1);
      symlinkSync(theirs, key);
      expect(refusal().message).toMatch(/^the key file .*sesame\.db\.key belongs to another user \(uid 1\)/);
    });
  });
});
