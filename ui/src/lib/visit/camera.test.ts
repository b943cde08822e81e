import { describe, expect, it } from 'vitest';
import { cameraProblem, fitWithin, rgbaToLuma, toBase64 } from './camera';

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


describe('cameraProblem', () => {
  it('names the usual failures in words, never the browser message', () => {
    const err = (name: string) => Object.assign(new Error('Invalid constraint'), { name });
    expect(cameraProblem(err('OverconstrainedError'))).toBe('camera-problem-none');
    expect(cameraProblem(err('NotFoundError'))).toBe('camera-problem-none');
    expect(cameraProblem(err('NotAllowedError'))).toBe('camera-problem-denied');
    expect(cameraProblem(err('NotReadableError'))).toBe('camera-problem-busy');
    expect(cameraProblem(err('TypeError'))).toBe('camera-problem-other');
    expect(cameraProblem('weird')).toBe('camera-problem-other');
  });
});
