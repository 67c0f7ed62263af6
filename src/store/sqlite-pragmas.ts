/**
 * How Sesame sets up a SQLite file it opens, as one script for clients with `exec`
 * (node:sqlite, bun:sqlite); src/store/sqlite-file.ts sets the same on better-sqlite3.
 */
export const SQLITE_FILE_PRAGMAS = [
  // Several processes may share the file: wait for its locks instead of failing at once.
  "PRAGMA busy_timeout = 5000",
  // WAL lets readers and one writer work at once; NORMAL syncs at checkpoints, which survives a crashed process.
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = NORMAL",
  "PRAGMA foreign_keys = ON",
].join(";\n");
