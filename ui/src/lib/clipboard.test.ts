import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearLater } from './clipboard';

function fakeClipboard(initial = '') {
  let text = initial;
  return {
    readText: vi.fn(async () => text),
    writeText: vi.fn(async (t: string) => {
      text = t;
    }),
    get text() {
      return text;
    },
  };
}

describe('clearLater', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('empties the clipboard a minute after a copy', async () => {
    const c = fakeClipboard('Nguyễn Văn An');
    clearLater('Nguyễn Văn An', 60_000, c);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(c.text).toBe('Nguyễn Văn An');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(c.text).toBe('');
  });

  it('leaves something copied since alone', async () => {
    const c = fakeClipboard('001090123456');
    clearLater('001090123456', 60_000, c);
    await c.writeText('a note of the volunteer');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(c.text).toBe('a note of the volunteer');
  });

  it('clears when the clipboard cannot be read', async () => {
    const c = fakeClipboard('Hà Nội');
    c.readText.mockRejectedValue(new Error('denied'));
    clearLater('Hà Nội', 60_000, c);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(c.text).toBe('');
  });
});
