/**
 * The store contract on Bun, against bun:sqlite files opened as the Bun entry opens
 * them, and the driver checks. Bundled by test/runtimes/run.ts with the shim in vitest's place.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openBunSqliteFile } from "../../src/store/bun-sqlite-file.js";
import { runStoreContract } from "../../src/store/contract/store.contract.js";
import { runDriverChecks } from "./driver-checks.js";
import { RESULT_MARKER, runRegistered } from "./vitest-shim.js";

const dir = mkdtempSync(join(tmpdir(), "sesame-bun-contract-"));
let count = 0;
const open = () => openBunSqliteFile(join(dir, `case-${++count}.db`));
runStoreContract("bun:sqlite on Bun", open);
runDriverChecks("bun:sqlite on Bun", open);
const results = await runRegistered();
rmSync(dir, { recursive: true, force: true });
console.log(RESULT_MARKER + JSON.stringify(results));
