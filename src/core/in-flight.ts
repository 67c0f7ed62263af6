/**
 * Work a flow starts and does not wait for (a mail's try, a webhook pass, a purge), kept so
 * that `idle()` can: a stopping server before it closes its database, a test before it looks.
 */
export function trackInFlight() {
  const pending = new Set<Promise<unknown>>();
  return {
    /** The same promise, remembered until it settles. */
    track<T>(promise: Promise<T>): Promise<T> {
      pending.add(promise);
      const forget = () => pending.delete(promise);
      promise.then(forget, forget);
      return promise;
    },
    /** Resolves when everything tracked so far has settled, and what that started too. */
    async idle(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
