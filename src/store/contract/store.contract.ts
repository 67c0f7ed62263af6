/**
 * The behaviour every Store must show. Each store's test file calls
 * runStoreContract with a way to open a fresh, empty, migrated store.
 *
 * One file of cases per family, run in this order inside one describe; helpers.contract.ts
 * holds what they share. (test/runtimes/run.ts counts the cases of every file here, to check
 * that Deno and Bun ran them all.)
 */
import { afterEach, beforeEach, describe } from "vitest";
import type { Store } from "../../core/ports.js";
import { accountCases } from "./accounts.contract.js";
import { crossDeviceCases } from "./cross-device.contract.js";
import { emailChangeCases } from "./email-change.contract.js";
import { eventCases } from "./events.contract.js";
import { storeCases, type OpenedStore } from "./helpers.contract.js";
import { invariantCases, purgeCases } from "./invariants.contract.js";
import { linkCases } from "./links.contract.js";
import { outboxCases } from "./outbox.contract.js";
import { rateLimitCases } from "./rate-limits.contract.js";
import { sessionCases } from "./sessions.contract.js";
import { signingKeyCases } from "./signing-keys.contract.js";

export type { OpenedStore };

export function runStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`${name}: Store contract`, () => {
    let opened: OpenedStore;
    let store: Store;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened.close();
    });

    const cases = storeCases(() => store);
    linkCases(cases);
    sessionCases(cases);
    outboxCases(cases);
    purgeCases(cases);
    rateLimitCases(cases);
    crossDeviceCases(cases);
    invariantCases(cases);
    signingKeyCases(cases);
    accountCases(cases);
    emailChangeCases(cases);
    eventCases(cases);
  });
}
