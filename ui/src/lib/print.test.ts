import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { printDocument, printing } from './print.svelte';
import type { PrintDocument } from '$bindings/PrintDocument';

const doc: PrintDocument = {
  title: 'Biên nhận',
  blocks: [
    { kind: 'title', text: 'Biên nhận' },
    { kind: 'field', label: 'Họ và tên', value: 'Nguyễn Văn An' },
  ],
};

describe('printDocument', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', (f: (t: number) => void) => setTimeout(() => f(0), 0));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('lays the document out for the dialog and forgets it once printed', async () => {
    const target = new EventTarget();
    let seen: PrintDocument | null = null;
    const done = printDocument(doc, () => (seen = printing()), target as unknown as Window);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(seen).toEqual(doc);
    expect(printing()).toEqual(doc);
    target.dispatchEvent(new Event('afterprint'));
    expect(printing()).toBeNull();
  });

  it('forgets it after five minutes if the dialog never says it closed', async () => {
    const target = new EventTarget();
    const done = printDocument(doc, () => {}, target as unknown as Window);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(printing()).toEqual(doc);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(printing()).toBeNull();
  });
});
