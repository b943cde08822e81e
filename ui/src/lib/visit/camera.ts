// Camera frames for QR decoding in Rust: RGBA → 8-bit luma → base64.

/** Rec. 601 luma of RGBA pixels. */
export function rgbaToLuma(rgba: Uint8ClampedArray | Uint8Array): Uint8Array {
  const out = new Uint8Array(rgba.length / 4);
  for (let i = 0, j = 0; j < out.length; i += 4, j++) {
    out[j] = (rgba[i]! * 299 + rgba[i + 1]! * 587 + rgba[i + 2]! * 114 + 500) / 1000;
  }
  return out;
}

/** Base64 of bytes, in chunks so large frames do not overflow the call stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** The size to scale a frame to: at most `max` pixels on the longer side. */
export function fitWithin(width: number, height: number, max: number): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Why a camera could not be opened, as the Fluent id of a plain sentence
 * (the browser's own messages are English and technical: "Invalid constraint"). */
export function cameraProblem(e: unknown): string {
  const name = e instanceof Error || (typeof e === 'object' && e !== null && 'name' in e) ? String((e as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'camera-problem-denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return 'camera-problem-none';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'camera-problem-busy';
    default:
      return 'camera-problem-other';
  }
}
