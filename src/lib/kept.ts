/**
 * A value read from the database and kept in this process's memory: the first call waits for it;
 * later calls get the kept value at once and, once it is older than `ttlMs`, start one refresh in the
 * background (a failed refresh keeps the old value and is tried again on a later call). `forget()`
 * drops it, and a read that was under way when it was forgotten is not kept.
 */
export function keptInMemory<T>(ttlMs: number, load: () => Promise<T>) {
  let kept: { at: number; value: T } | null = null;
  let pending: Promise<T> | null = null;
  let generation = 0;

  function refresh(): Promise<T> {
    if (pending) return pending;
    const started = generation;
    const read = load()
      .then((value) => {
        if (started === generation) kept = { at: Date.now(), value };
        return value;
      })
      .finally(() => {
        if (pending === read) pending = null;
      });
    pending = read;
    return read;
  }

  return {
    async get(now = Date.now()): Promise<T> {
      if (!kept) return refresh();
      if (now - kept.at > ttlMs) refresh().catch(() => undefined);
      return kept.value;
    },
    forget(): void {
      generation += 1;
      kept = null;
      pending = null;
    },
  };
}
