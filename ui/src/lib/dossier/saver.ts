// Autosave: every change is sent as it happens, one request at a time per
// dossier. While a save is in flight, later changes wait; several changes to
// the same answer collapse into the latest, so the last thing typed is always
// the last thing saved and nothing is sent twice for nothing.

export interface Saver<V> {
  /** Queues `value` for `path` (replacing a queued value for the same path). */
  save(path: string, value: string): void;
  /** Resolves once everything queued so far has been answered. */
  idle(): Promise<void>;
  /** Number of changes not yet acknowledged. */
  pending(): number;
}

export function createSaver<V>(
  send: (path: string, value: string) => Promise<V>,
  onSaved: (result: V) => void,
  onError: (error: unknown, path: string, value: string) => void,
): Saver<V> {
  const queue = new Map<string, string>();
  let inflight = 0;
  let waiters: Array<() => void> = [];
  let running = false;

  async function run() {
    if (running) return;
    running = true;
    while (queue.size > 0) {
      const [path, value] = queue.entries().next().value as [string, string];
      queue.delete(path);
      inflight = 1;
      let outcome: { ok: true; result: V } | { ok: false; error: unknown };
      try {
        outcome = { ok: true, result: await send(path, value) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      // Acknowledged: no longer pending when the callbacks look.
      inflight = 0;
      if (outcome.ok) onSaved(outcome.result);
      else onError(outcome.error, path, value);
    }
    running = false;
    const done = waiters;
    waiters = [];
    done.forEach((w) => w());
  }

  return {
    save(path, value) {
      queue.set(path, value);
      void run();
    },
    idle() {
      if (!running && queue.size === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    pending() {
      return queue.size + inflight;
    },
  };
}
