/** Keeping the database tidy and answering health checks. */
import { EVENTS_KEPT, PURGE_AFTER } from "../config.js";
import type { FlowContext } from "../flow-context.js";
import type { OutboxStats, PurgeCounts } from "../ports.js";
import { trackInFlight } from "../in-flight.js";

/** How long /readyz waits for the database. */
const READY_DEADLINE = 2000;

export type Readiness = { ready: true } | { ready: false; reason: "draining" | "database_unreachable" | "schema_outdated" };

/** How often, at most, an instance purges expired rows on its own. */
const PURGE_INTERVAL = 60 * 60 * 1000;

export function upkeepFlows({ config }: FlowContext) {
  const { store, now, log } = config;
  let lastPurge = 0;
  // A link request starts a purge in the background, whose statements load with it: it may
  // still be running after the answer, so idle() waits for it. After long downtime a purge is
  // many steps; a draining server stops it between two (each is atomic) so that idle() does not
  // outlast the platform's grace period, and the next purge takes the rest.
  const { track, idle: purgesDone } = trackInFlight();
  // A plain flag in an AbortSignal's shape: on Workers an AbortController is an I/O object of the
  // request that made it, which a later request may not touch.
  const draining = { aborted: false };

  /** Deletes rows that expired more than a week ago, finished mail and webhooks, and events older than 90 days. */
  function purgeExpired(): Promise<PurgeCounts> {
    lastPurge = now();
    return track(
      (async () => {
        const purged = await store.purgeExpired(lastPurge - PURGE_AFTER, lastPurge - EVENTS_KEPT, draining);
        log({ level: "info", event: purged.stopped ? "purge.stopped" : "purge.done", ...purged });
        return purged;
      })(),
    );
  }

  /** Purges at most once an hour per instance, so deployments without a cron job stay tidy; not while draining. */
  function purgeIfDue(): Promise<void> | undefined {
    if (draining.aborted || now() - lastPurge < PURGE_INTERVAL) return undefined;
    return purgeExpired().then(
      () => undefined,
      (error: unknown) => log({ level: "error", event: "purge.failed", error }),
    );
  }

  /** Resolves when the database answers; throws (store_unavailable) when not. */
  async function checkHealth(): Promise<void> {
    await store.ping();
  }

  /**
   * Whether this instance should be sent requests: not while it drains, nor when the
   * database does not answer within `deadline` ms, nor when its schema is behind this
   * code's (migrations not yet run).
   */
  async function checkReady(deadline = READY_DEADLINE): Promise<Readiness> {
    if (draining.aborted) return { ready: false, reason: "draining" };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), deadline)));
    try {
      const schema = await Promise.race([store.checkSchema(), late]);
      if (schema === "late") return { ready: false, reason: "database_unreachable" };
      return schema.current < schema.latest ? { ready: false, reason: "schema_outdated" } : { ready: true };
    } catch {
      return { ready: false, reason: "database_unreachable" };
    } finally {
      clearTimeout(timer);
    }
  }

  /** From now on readiness says no, and a purge under way stops after its current step: a stopping server calls it before it stops accepting requests. */
  function drain(): void {
    draining.aborted = true;
  }

  /** The mail waiting in the outbox now (one query): for metrics. */
  function outboxStats(): Promise<OutboxStats> {
    return store.outboxStats(now());
  }

  return { purgeExpired, purgeIfDue, purgesDone, checkHealth, checkReady, drain, outboxStats };
}
