/**
 * The secret that seals queued mail (see core/seal.ts) for a server that keeps its data
 * in a SQLite file: SESAME_SECRET when given, else a key file beside the database,
 * created once and readable by its owner only, so that a restarted server can still
 * send the mail it queued. With PostgreSQL every instance must share it, so it must be
 * given. Node, Deno and Bun (node:fs).
 */
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { ConfigError } from "../core/errors.js";
import type { ServerConfig } from "../config/environment.js";

export function readSecret(config: Pick<ServerConfig, "secret" | "database">): string {
  if (config.secret) return config.secret;
  if (config.database.type !== "sqlite") {
    throw new ConfigError("SESAME_SECRET must be set with DATABASE_URL: every instance seals and opens the others' queued mail with it", { variable: "SESAME_SECRET" });
  }
  const path = `${config.database.path}.key`;
  createKeyFile(path);
  const secret = readFileSync(path, "utf8").trim();
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
