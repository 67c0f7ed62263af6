/**
 * The store contract on Deno, against node:sqlite files opened as the Deno entry opens
 * them, and the driver checks. Bundled by test/runtimes/run.ts with the shim in vitest's place.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openNodeSqliteFile } from "../../src/store/node-sqlite-file.js";
import { runStoreContract } from "../../src/store/contract/store.contract.js";
import { runDriverChecks } from "./driver-checks.js";
import { RESULT_MARKER, runRegistered } from "./vitest-shim.js";

const dir = mkdtempSync(join(tmpdir(), "sesame-deno-contract-"));
let count = 0;
const open = () => openNodeSqliteFile(join(dir, `case-${++count}.db`));
runStoreContract("node:sqlite on Deno", open);
runDriverChecks("node:sqlite on Deno", open);
const results = await runRegistered();
rmSync(dir, { recursive: true, force: true });
console.log(RESULT_MARKER + JSON.stringify(results));
