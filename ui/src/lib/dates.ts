// One date format on every screen, whatever the system's locale: dd/mm/yyyy
// and 24-hour times, in Vietnam's time (UTC+7, no daylight saving). The app
// stores RFC 3339 instants (UTC) and plain `yyyy-mm-dd` dates.

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

const two = (n: number) => String(n).padStart(2, '0');

/** `yyyy-mm-dd` (or the date part of an instant) as `dd/mm/yyyy`; anything else as it is. */
export function showDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  // A date civil records know only to the month or the year.
  const month = /^(\d{4})-(\d{2})$/.exec(iso.trim());
  if (month) return `${month[2]}/${month[1]}`;
  if (/^\d{4}$/.test(iso.trim())) return iso.trim();
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + VIETNAM_OFFSET_MS);
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** An instant as `dd/mm/yyyy HH:mm`, Vietnam time; anything unreadable as it is. */
export function showDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t) || /^\d{4}-\d{2}-\d{2}$/.test(iso.trim())) return showDate(iso);
  const d = new Date(t + VIETNAM_OFFSET_MS);
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** What a person typed as a date (`d/m/yyyy`, also with `-` or `.`, or `yyyy-mm-dd`) as `yyyy-mm-dd`, or null. */
export function readDate(typed: string): string | null {
  const s = typed.trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (vn) [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else return null;
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return `${y}-${two(m)}-${two(d)}`;
}

/**
 * A birth date as typed where civil records may know only the year or the
 * month and year: `1945`, `3/1945` (or `00/00/1945`, `00/03/1945` as some
 * papers print it) as `yyyy` or `yyyy-mm`; a whole date as {@link readDate}
 * reads it; otherwise null.
 */
export function readPartialDate(typed: string): string | null {
  const s = typed.trim();
  const whole = readDate(s);
  if (whole) return whole;
  const year = /^(?:0{1,2}[/.-]0{1,2}[/.-])?(\d{4})$/.exec(s);
  if (year?.[1]) return year[1];
  const month = /^(?:0{1,2}[/.-])?(\d{1,2})[/.-](\d{4})$/.exec(s);
  if (month && Number(month[1]) >= 1 && Number(month[1]) <= 12) return `${month[2]}-${two(Number(month[1]))}`;
  return null;
}
