/** When to try again after a failed delivery (mail, webhooks): the first delay doubling per attempt, up to `cap`, ±20 % so retries spread. */
import type { RandomSource } from "./ports.js";

export function retryDelay(first: number, attempts: number, cap: number, random: RandomSource): number {
  const base = Math.min(first * 2 ** Math.max(0, attempts - 1), cap);
  const jitter = (random(new Uint8Array(1))[0]! / 255 - 0.5) * 0.4;
  return Math.round(base * (1 + jitter));
}
