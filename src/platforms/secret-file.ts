/**
 * The secret that seals queued mail (see core/seal.ts) for a server that keeps its data
 * in a SQLite file: SESAME_SECRET when given, else a key file beside the database,
 * created once and readable by its owner only, so that a restarted server can still
 * send the mail it queued. With PostgreSQL every instance must share it, so it must be
 * given. Node, Deno and Bun (node:fs).
 *
 * An existing key file is used only if this process's user owns it and no one else may
 * read or write it (S32, as ssh's StrictModes): one another user made first, or one left
 * readable to others, may have given the key away, so it is refused rather than narrowed.
 */
import { randomBytes } from "node:crypto";
import { closeSync, fstatSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync, type Stats } from "node:fs";
import { dirname } from "node:path";
import { ConfigError } from "../core/errors.js";
import type { ServerConfig } from "../config/environment.js";
import { currentUser } from "../store/open-sqlite-file.js";

export function readSecret(config: Pick<ServerConfig, "secret" | "database">): string {
  if (config.secret) return config.secret;
  if (config.database.type !== "sqlite") {
    throw new ConfigError("SESAME_SECRET must be set with DATABASE_URL: every instance seals and opens the others' queued mail with it", {
      variable: "SESAME_SECRET",
    });
  }
  const path = `${config.database.path}.key`;
  createKeyFile(path);
  const secret = readKeyFile(path).trim();
  if (secret.length < 32) throw new ConfigError(`the key file ${path} is damaged (under 32 characters): delete it or set SESAME_SECRET`);
  return secret;
}

/**
 * Writes a whole key to a file of its own, then links it into place: a link either
 * appears complete or fails because another process got there first, so a process
 * starting at the same moment never reads a half-written key.
 */
function createKeyFile(path: string): void {
  const draft = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(draft, `${randomBytes(32).toString("base64url")}\n`, { flag: "wx", mode: 0o600 });
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw new ConfigError(`cannot create the key file ${path}: ${(error as Error).message}`);
  } finally {
    try {
      unlinkSync(draft);
    } catch {
      // never written
    }
  }
}

/**
 * The key file's text, once its owner and mode are checked: by its path first (so that
 * another user's file this user may not even read is named as such), then on the very
 * file opened, which a swap between the two cannot change.
 */
function readKeyFile(path: string): string {
  refuseByPath(path);
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new ConfigError(`cannot read the key file ${path}: ${(error as Error).message}`);
  }
  try {
    refuseUnlessPrivate(path, fstatSync(fd));
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}

/** A symbolic link another user (root aside) made in the key file's place chooses what is read as the key; then the file it leads to. */
function refuseByPath(path: string): void {
  const user = currentUser();
  if (user === undefined) return;
  let link: Stats;
  try {
    link = lstatSync(path);
  } catch {
    return; // opening it says what is wrong
  }
  if (link.isSymbolicLink() && link.uid !== user && link.uid !== 0) {
    throw new ConfigError(
      `the key file ${path} is a symbolic link that belongs to another user (uid ${link.uid}): set SESAME_SECRET, or keep SESAME_DB in a folder only this user can write`,
    );
  }
  let file: Stats;
  try {
    file = link.isSymbolicLink() ? statSync(path) : link;
  } catch {
    return; // a link that leads nowhere: opening it says so
  }
  refuseUnlessPrivate(path, file);
}

function refuseUnlessPrivate(path: string, stat: Stats): void {
  const user = currentUser();
  if (user === undefined) return;
  if (stat.uid !== user) {
    throw new ConfigError(
      `the key file ${path} belongs to another user (uid ${stat.uid}), who can read the key: set SESAME_SECRET, or keep SESAME_DB in a folder only this user can write`,
    );
  }
  const open = stat.mode & 0o077;
  if (open !== 0) {
    const how = open & 0o044 ? "readable" : open & 0o022 ? "writable" : "executable";
    throw new ConfigError(
      `the key file ${path} is ${how} by group or others (mode ${(stat.mode & 0o777).toString(8)}): chmod 600 it, or delete it if someone else may have read it`,
    );
  }
}
