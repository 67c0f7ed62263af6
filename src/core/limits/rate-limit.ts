/**
 * Turns the configured limits into charges the store applies atomically with the
 * link request (see RateLimitCharge). Keys name the subject and the period, so an
 * address's minute and hour limits are separate counters.
 */
import type { RateLimitRule } from "../config.js";
import type { GuessCap, RateLimitCharge } from "../ports.js";

export function rateLimitCharges(
  limits: { perAddress: readonly RateLimitRule[]; perClient: readonly RateLimitRule[] },
  subject: { email: string; client: string | undefined },
): RateLimitCharge[] {
  const charges = limits.perAddress.map((rule) => charge(rule, `address:${subject.email}`));
  if (subject.client !== undefined) charges.push(...limits.perClient.map((rule) => charge(rule, `client:${subject.client}`)));
  return charges;
}

function charge(rule: RateLimitRule, subject: string): RateLimitCharge {
  const period = rule.periodSeconds * 1000;
  const interval = Math.ceil(period / rule.limit);
  return { key: `${subject}/${rule.periodSeconds}s`, interval, tolerance: period - interval };
}

/**
 * The cap on wrong codes and approval numbers per address (S27), as the store counts it;
 * none when turned off. Stricter than a request limit on purpose: `limit` wrong guesses,
 * then one more per `periodSeconds` (not `limit` more), so a patient attacker gets about
 * 24 a day rather than 240, and the lock lasts a whole period.
 */
export function guessCap(rule: RateLimitRule | false): GuessCap | undefined {
  if (rule === false) return undefined;
  const interval = rule.periodSeconds * 1000;
  return { interval, tolerance: (rule.limit - 1) * interval };
}
