/**
 * Runs a host app's hook with a deadline. A hook that throws, or has not finished by the
 * deadline, is logged with its name and the event, never its arguments; the step it
 * follows stays done (an after-hook) or is not taken (beforeSignup).
 */
import type { CoreConfig } from "./config.js";

export type HookResult<T> = { ok: true; value: T } | { ok: false; reason: "threw" | "timed_out" };

export async function runHook<T>(config: Pick<CoreConfig, "log" | "hookTimeout">, hook: string, call: () => T | Promise<T>): Promise<HookResult<Awaited<T>>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<"timed_out">((resolve) => {
    timer = setTimeout(() => resolve("timed_out"), config.hookTimeout);
  });
  try {
    const outcome = await Promise.race([Promise.resolve().then(call), deadline]);
    if (outcome === "timed_out") {
      config.log({ level: "error", event: "hook.failed", hook, reason: "timed_out", timeoutMs: config.hookTimeout });
      return { ok: false, reason: "timed_out" };
    }
    return { ok: true, value: outcome as Awaited<T> };
  } catch (error) {
    config.log({ level: "error", event: "hook.failed", hook, reason: "threw", error });
    return { ok: false, reason: "threw" };
  } finally {
    clearTimeout(timer);
  }
}
