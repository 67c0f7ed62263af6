/**
 * Flows whose code is loaded with their first call (a module of their own, by `import()`),
 * so that a Worker answering link requests and session checks never parses them. Each of
 * `names` calls the same-named function of what `load` resolves to; a load that failed (a
 * chunk that did not arrive) is tried again by the next call rather than kept as failed.
 */
type AsyncFunctions<F> = { [K in keyof F]: (...args: never[]) => Promise<unknown> };

export function onFirstCall<F extends AsyncFunctions<F>>(load: () => Promise<F>, names: readonly (keyof F & string)[]): F {
  let loading: Promise<F> | undefined;
  const loaded = (): Promise<F> =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  type Call = (...args: unknown[]) => Promise<unknown>;
  const flows: Partial<Record<keyof F, Call>> = {};
  for (const name of names) flows[name] = async (...args) => ((await loaded())[name] as unknown as Call)(...args);
  return flows as unknown as F;
}
