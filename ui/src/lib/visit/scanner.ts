// Keyboard-wedge scanner capture. A USB 2D scanner "types" the QR text very
// fast, one key at a time, then Enter — into whatever has focus. This buffer
// watches every key at window level: when a fast burst ending in Enter looks
// like a CCCD QR line (at least six '|'), it is a scan, wherever focus was.

export interface ScanBufferOptions {
  /** Longest pause between two keys of one scan (scanners: < 20 ms; people: > 80 ms). */
  maxGapMs?: number;
  /** Fewest '|' separators a scan must contain (a CCCD line has six). */
  minSeparators?: number;
}

export interface ScanBuffer {
  /** Feed one keydown (its `key` and time); returns the scanned text when a scan completes. */
  push(key: string, timeMs: number): string | null;
  /** True while a fast burst is being collected (callers may hold back its keys). */
  inBurst(): boolean;
  reset(): void;
}

export function createScanBuffer(opts: ScanBufferOptions = {}): ScanBuffer {
  const maxGap = opts.maxGapMs ?? 60;
  const minSeparators = opts.minSeparators ?? 6;
  let buf = '';
  let last = -Infinity;
  let fastKeys = 0;

  return {
    push(key, time) {
      const gap = time - last;
      last = time;
      if (gap > maxGap) {
        buf = '';
        fastKeys = 0;
      } else {
        fastKeys += 1;
      }
      if (key === 'Enter' || key === 'Tab') {
        const text = buf;
        buf = '';
        const separators = text.split('|').length - 1;
        // Most of the line must have arrived at scanner speed.
        if (separators >= minSeparators && fastKeys >= text.length * 0.8) {
          fastKeys = 0;
          return text;
        }
        fastKeys = 0;
        return null;
      }
      if (key.length === 1 || /^[\p{L}\p{N}\p{P}\p{S} ]$/u.test(key)) buf += key;
      return null;
    },
    inBurst() {
      return buf.length > 0 && fastKeys > 3;
    },
    reset() {
      buf = '';
      fastKeys = 0;
      last = -Infinity;
    },
  };
}
