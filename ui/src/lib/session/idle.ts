// Idle detection: any key, pointer, wheel or touch counts as activity.

// Not pointermove: a resting mouse can jitter, and a kiosk must still clear itself.
const EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/** Calls `onidle` once after `seconds` without activity; returns a stop function. */
export function watchIdle(seconds: number, onidle: () => void, now: () => number = Date.now): () => void {
  let last = now();
  let fired = false;
  const touch = () => {
    last = now();
  };
  for (const e of EVENTS) window.addEventListener(e, touch, { capture: true, passive: true });
  const timer = setInterval(() => {
    if (!fired && now() - last >= seconds * 1000) {
      fired = true;
      onidle();
    }
  }, 1000);
  return () => {
    clearInterval(timer);
    for (const e of EVENTS) window.removeEventListener(e, touch, { capture: true });
  };
}
