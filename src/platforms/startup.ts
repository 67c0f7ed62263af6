/**
 * What the servers started from the environment (`sesame` on Node, Deno, Bun) print
 * while starting: a mistake is one line on stderr and exit code 1, a renamed variable one
 * warning line, the development mailbox one notice; and how they begin to stop. Web APIs only.
 */
import { SesameError } from "../core/errors.js";
import { DEV_MAILER_BANNER } from "../mail/dev.js";
import type { Sesame } from "../index.js";

/**
 * For an error while starting: prints the one line for a setting to fix (a ConfigError, a
 * database that cannot be opened or migrated) and gives exit code 1. Anything else is a
 * bug, and is thrown on with its stack.
 */
export function startupFailed(error: unknown): number {
  const problem = startupProblem(error);
  if (problem === undefined) throw error;
  console.error(problem);
  return 1;
}

/** The one line to print for a start-up mistake, or undefined for an error that is a bug. */
export function startupProblem(error: unknown): string | undefined {
  if (!(error instanceof SesameError)) return undefined;
  // Only a failed migration's message leaves out its cause; the others carry it already.
  const cause = error.code === "migration_failed" && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `sesame: ${error.message}${cause}`;
}

/** For `warn` of readEnvironment: one line on stderr. */
export function printWarning(message: string): void {
  console.error(`sesame: warning: ${message}`);
}

/** The line that tells where the development mailbox is. */
export function devMailboxNotice(baseUrl: string): string {
  return `sesame: ${DEV_MAILER_BANNER}; mailbox at ${new URL("_dev/mail", withSlash(baseUrl)).href}`;
}

/** The URL with a trailing slash, so that a relative path resolves below it rather than beside its last segment. */
export function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/**
 * A stopping server's first step (SESAME_DRAIN_SECONDS): from now on /readyz says draining and no
 * purge starts (one under way stops after its step), while requests are still served for
 * `seconds`, so that a load balancer sends new ones elsewhere before the server stops accepting.
 */
export async function drainFor(sesame: Pick<Sesame, "drain">, seconds: number): Promise<void> {
  sesame.drain();
  if (seconds <= 0) return;
  console.log(`sesame: draining for ${seconds} s`);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}
