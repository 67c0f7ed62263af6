/**
 * How Sesame sets up a SQLite file it opens, as one script for clients with `exec`
 * (node:sqlite, bun:sqlite, and better-sqlite3 in src/store/sqlite-file.ts).
 */
export const SQLITE_FILE_PRAGMAS = [
  // Several processes may share the file: wait for its locks instead of failing at once.
  "PRAGMA busy_timeout = 5000",
  // WAL lets readers and one writer work at once; NORMAL syncs at checkpoints, which survives a crashed process.
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = NORMAL",
  "PRAGMA foreign_keys = ON",
  // Each batch of a group commit runs in a savepoint, which first copies every page it
  // changes to a statement journal, needed only until the batch is released: in memory
  // that is a copy; in a temporary file, two writes a page, about 37 of a link request's 47.
  // The price is memory where a batch changes many pages that were already there, which is
  // why the purge goes in bounded steps (purge-sql.ts).
  "PRAGMA temp_store = MEMORY",
  // SQLite's own default page cache, 2 MB (-2000 KiB). better-sqlite3 builds SQLite with
  // 16 MB, which a server fills as its file grows: 16 MB of the process's peak memory, for
  // pages the kernel's page cache holds anyway (bench/inproc.mjs W1, three alternating runs:
  // the same CPU per request, a peak RSS 10-17 MB lower).
  "PRAGMA cache_size = -2000",
].join(";\n");
