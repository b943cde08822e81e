import { describe, expect, it } from 'vitest';
import { createScanBuffer } from './scanner';

const LINE = '001090123456||Nguyễn Văn A|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021';

function typeAt(buf: ReturnType<typeof createScanBuffer>, text: string, start: number, gap: number) {
  let t = start;
  let out: string | null = null;
  for (const ch of [...text]) {
    out = buf.push(ch, t) ?? out;
    t += gap;
  }
  return { result: buf.push('Enter', t) ?? out, end: t };
}

describe('scan buffer', () => {
  it('recognises a fast burst ending in Enter, keystroke by keystroke', () => {
    const buf = createScanBuffer();
    expect(typeAt(buf, LINE, 1000, 5).result).toBe(LINE);
  });

  it('ignores people typing, even the same text', () => {
    const buf = createScanBuffer();
    expect(typeAt(buf, LINE, 1000, 150).result).toBeNull();
  });

  it('ignores fast bursts that are not ID lines', () => {
    const buf = createScanBuffer();
    expect(typeAt(buf, 'hello world', 0, 5).result).toBeNull();
  });

  it('starts afresh after a pause, so earlier typing does not leak in', () => {
    const buf = createScanBuffer();
    typeAt(buf, 'abc', 0, 200);
    const { result } = typeAt(buf, LINE, 5000, 4);
    expect(result).toBe(LINE);
  });

  it('handles two scans in a row', () => {
    const buf = createScanBuffer();
    const first = typeAt(buf, LINE, 0, 3);
    expect(first.result).toBe(LINE);
    expect(typeAt(buf, LINE, first.end + 500, 3).result).toBe(LINE);
  });
});
