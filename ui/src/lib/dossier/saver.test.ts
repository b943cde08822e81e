import { describe, expect, it } from 'vitest';
import { createSaver } from './saver';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('autosave queue', () => {
  it('sends one at a time and collapses repeated edits to the latest', async () => {
    const sent: string[] = [];
    const gates: Array<ReturnType<typeof deferred<number>>> = [];
    const saver = createSaver(
      (path, value) => {
        sent.push(`${path}=${value}`);
        const d = deferred<number>();
        gates.push(d);
        return d.promise;
      },
      () => {},
      () => {},
    );
    saver.save('name', 'N');
    saver.save('name', 'Ng');
    saver.save('name', 'Ngu');
    saver.save('phone', '09');
    expect(sent).toEqual(['name=N']);
    expect(saver.pending()).toBe(3);
    gates[0]!.resolve(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(sent).toEqual(['name=N', 'name=Ngu']);
    gates[1]!.resolve(2);
    await new Promise((r) => setTimeout(r, 0));
    gates[2]!.resolve(3);
    await saver.idle();
    expect(sent).toEqual(['name=N', 'name=Ngu', 'phone=09']);
    expect(saver.pending()).toBe(0);
  });

  it('reports a failed save and goes on with the next', async () => {
    const errors: string[] = [];
    const saved: string[] = [];
    const saver = createSaver(
      async (path, value) => {
        if (value === 'bad') throw new Error('refused');
        return `${path}:${value}`;
      },
      (r) => saved.push(r),
      (_e, path, value) => errors.push(`${path}=${value}`),
    );
    saver.save('a', 'bad');
    saver.save('b', 'ok');
    await saver.idle();
    expect(errors).toEqual(['a=bad']);
    expect(saved).toEqual(['b:ok']);
  });

  it('counts nothing pending once the last save is answered', async () => {
    const seen: number[] = [];
    const saver = createSaver(async () => 1, () => seen.push(saver.pending()), () => {});
    saver.save('a', '1');
    await saver.idle();
    expect(seen).toEqual([0]);
  });

  it('is idle at once when nothing is queued', async () => {
    const saver = createSaver(async () => 0, () => {}, () => {});
    await expect(saver.idle()).resolves.toBeUndefined();
  });
});
