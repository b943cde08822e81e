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

/**
 * Calls `report` on activity, at most once every `seconds` (the session's
 * expiry in Rust is kept alive only by real use); returns a stop function.
 */
export function reportActivity(seconds: number, report: () => void, now: () => number = Date.now): () => void {
  let last = 0;
  const seen = () => {
    if (now() - last >= seconds * 1000) {
      last = now();
      report();
    }
  };
  for (const e of EVENTS) window.addEventListener(e, seen, { capture: true, passive: true });
  return () => {
    for (const e of EVENTS) window.removeEventListener(e, seen, { capture: true });
  };
}
