// Telling people where they are: after every screen change the window title
// names the page and focus moves to its heading (on the home screen, to the
// search box), so a screen-reader user hears the new page and a keyboard
// user starts from its top instead of from the end of the last one.

/** The heading that names what `main` shows. */
function headingOf(main: HTMLElement): HTMLElement | null {
  return main.querySelector<HTMLElement>('h1, h2');
}

/** Sets the title and moves focus; waits (up to `waitMs`) for a page that loads its heading late. */
export function announcePage(main: HTMLElement, appName: string, home: boolean, waitMs = 1500): () => void {
  let stopped = false;
  const started = performance.now();
  const before = document.activeElement;
  const attempt = () => {
    if (stopped) return;
    // Someone already went on (clicked or typed into the new page): their
    // place is not taken from them.
    const moved = document.activeElement !== before && main.contains(document.activeElement);
    const heading = headingOf(main);
    if (!heading && performance.now() - started < waitMs) {
      setTimeout(attempt, 50);
      return;
    }
    const name = heading?.textContent?.trim().replace(/\s+/g, ' ');
    document.title = name && !home ? `${name} — ${appName}` : appName;
    if (moved) return;
    if (home) {
      document.getElementById('catalog-query')?.focus();
    } else if (heading) {
      focusHeading(heading);
    }
  };
  attempt();
  return () => {
    stopped = true;
  };
}

/** Moves focus to a heading without making it a tab stop. */
export function focusHeading(heading: HTMLElement) {
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus();
}

/** The skip link's target: the page's heading, or the first control of `main`. */
export function skipToContent(main: HTMLElement | null) {
  if (!main) return;
  const heading = headingOf(main);
  if (heading) focusHeading(heading);
  else main.querySelector<HTMLElement>('a, button, input, select, textarea')?.focus();
}
