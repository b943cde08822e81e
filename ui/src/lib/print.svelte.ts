// Printing without a file: the document (built in Rust, the same blocks as
// its PDF) is laid out in a print-only area of the page and the window's own
// print dialog is opened. Nothing is written to disk.
import type { PrintDocument } from '$bindings/PrintDocument';

let current = $state<PrintDocument | null>(null);

/** The document being printed, for the print area. */
export function printing(): PrintDocument | null {
  return current;
}

/** How long a document may stay laid out if the print dialog never says it closed. */
const FORGET_AFTER_MS = 5 * 60_000;

/**
 * Lays `doc` out and opens the print dialog. The print area is emptied when
 * the dialog closes (`afterprint`: the dialog may return before it prints),
 * at the latest after five minutes: a citizen's details do not stay in the page.
 */
export async function printDocument(
  doc: PrintDocument,
  print: () => void = () => window.print(),
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
): Promise<void> {
  current = doc;
  // Let the print area render before the dialog takes its snapshot.
  await new Promise((r) => requestAnimationFrame(() => r(null)));
  const forget = () => {
    if (current === doc) current = null;
    target.removeEventListener('afterprint', forget);
    clearTimeout(timer);
  };
  const timer = setTimeout(forget, FORGET_AFTER_MS);
  target.addEventListener('afterprint', forget);
  print();
}
