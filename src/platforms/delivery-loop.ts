/**
 * The outbox's clock for a long-running server (Node, Deno, Bun): every few seconds,
 * the mail and the webhooks that are due — earlier failures, and what a stopped server left behind.
 * Serverless platforms run the same pass from a cron trigger instead.
 */
import type { Sesame } from "../index.js";

export interface DeliveryLoop {
  /** No further passes; the current one runs on. */
  stop(): void;
  /** Resolves when the current pass (if any) has ended. */
  finished(): Promise<void>;
}

export function startDeliveryLoop(sesame: Pick<Sesame, "deliverQueuedMail" | "deliverWebhooks">, intervalMs: number): DeliveryLoop {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    // A stop ends a pass after its current batch, so shutdown does not wait out a backlog.
    const passes = [sesame.deliverQueuedMail(() => !stopped), sesame.deliverWebhooks(() => !stopped)];
    // Each pass logs its own failure; the next tick tries again.
    current = Promise.allSettled(passes)
      .then(() => undefined)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    finished: () => current,
  };
}
