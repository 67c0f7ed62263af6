/**
 * Something loaded on first use (a module by `import()`, mostly): one load however many ask
 * at once, kept once it is in; a load that failed (a chunk that did not arrive) is tried again
 * by the next ask rather than remembered as failed.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}
