/**
 * Flows whose code is loaded with their first call (a module of their own, by `import()`),
 * so that a Worker answering link requests and session checks never parses them. Each name
 * in `names` (every function `load` gives, the compiler holds it so) calls the same-named
 * function of what `load` resolves to; a load that failed is tried again by the next call.
 */
import { loadOnce } from "./load-once.js";

type AsyncFunctions<F> = { [K in keyof F]: (...args: never[]) => Promise<unknown> };

export function onFirstCall<F extends AsyncFunctions<F>>(load: () => Promise<F>, names: { [K in keyof F]: true }): F {
  const loaded = loadOnce(load);
  type Call = (...args: unknown[]) => Promise<unknown>;
  const flows: Partial<Record<keyof F, Call>> = {};
  for (const name of Object.keys(names) as (keyof F)[]) flows[name] = async (...args) => ((await loaded())[name] as unknown as Call)(...args);
  return flows as unknown as F;
}
