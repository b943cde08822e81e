// A citizen's details copied for the real portal must not stay on the
// clipboard for whoever uses the computer next: a minute after a copy, the
// clipboard is emptied — unless something else was copied since.

/** How long copied text stays on the clipboard. */
export const CLEAR_AFTER_MS = 60_000;

let pending: ReturnType<typeof setTimeout> | null = null;

/** Empties the clipboard `after` ms from now if it still holds `value`. */
export function clearLater(
  value: string,
  after: number = CLEAR_AFTER_MS,
  clipboard: Pick<Clipboard, 'readText' | 'writeText'> = navigator.clipboard,
): void {
  if (pending) clearTimeout(pending);
  pending = setTimeout(async () => {
    pending = null;
    let still = true;
    try {
      still = (await clipboard.readText()) === value;
    } catch {
      // Reading may be refused; the value was ours a minute ago: clear it.
    }
    if (still) {
      try {
        await clipboard.writeText('');
      } catch {
        /* nothing more can be done from the page */
      }
    }
  }, after);
}
