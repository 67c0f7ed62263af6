/** Keeping the database tidy and answering health checks. */
import { PURGE_AFTER } from "../config.js";
import type { FlowContext } from "../flow-context.js";
import type { PurgeCounts } from "../ports.js";

/** How often, at most, an instance purges expired rows on its own. */
const PURGE_INTERVAL = 60 * 60 * 1000;

export function upkeepFlows({ config }: FlowContext) {
  const { store, now, log } = config;
  let lastPurge = 0;

  /** Deletes rows that expired more than a week ago, and finished mail. */
  async function purgeExpired(): Promise<PurgeCounts> {
    lastPurge = now();
    const purged = await store.purgeExpired(lastPurge - PURGE_AFTER);
    log({ level: "info", event: "purge.done", ...purged });
    return purged;
  }

  /** Purges at most once an hour per instance, so deployments without a cron job stay tidy. */
  function purgeIfDue(): Promise<void> | undefined {
    if (now() - lastPurge < PURGE_INTERVAL) return undefined;
    return purgeExpired().then(
      () => undefined,
      (error: unknown) => log({ level: "error", event: "purge.failed", error }),
    );
  }

  /** Resolves when the database answers; throws (store_unavailable) when not. */
  async function checkHealth(): Promise<void> {
    await store.ping();
  }

  return { purgeExpired, purgeIfDue, checkHealth };
}
