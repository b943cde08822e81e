import { describe, expect, it } from 'vitest';
import { fitWithin, rgbaToLuma, toBase64 } from './camera';

describe('camera frames', () => {
  it('converts RGBA to luma', () => {
    const rgba = new Uint8Array([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255]);
    expect([...rgbaToLuma(rgba)]).toEqual([255, 0, 76]);
  });

  it('base64-encodes large buffers the same as Node does', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('scales down, never up', () => {
    expect(fitWithin(1920, 1080, 960)).toEqual({ width: 960, height: 540 });
    expect(fitWithin(640, 480, 960)).toEqual({ width: 640, height: 480 });
  });
});
