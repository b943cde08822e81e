// An answer as people read it (check-answers page, guided hand-off): the
// option's label, Có/Không, an address with its commune's name.
import type { DossierView, FieldDto } from '$lib/ipc';
import { lt, t } from '$lib/i18n/index.svelte';

export function shownAnswer(view: DossierView, f: FieldDto, path: string): string {
  const v = view.answers.values;
  if (f.kind === 'address') {
    const code = v[`${path}.commune`] ?? '';
    const place = view.places[code];
    return [v[`${path}.line`] ?? '', place ? `${place.commune.name}, ${place.province.name}` : code]
      .filter((s) => s.trim())
      .join(', ');
  }
  const raw = (v[path] ?? '').trim();
  if (f.kind === 'yes_no') return raw === 'yes' ? t('form-yes') : raw === 'no' ? t('form-no') : '';
  if (f.kind === 'choice') return lt(f.options.find((o) => o.value === raw)?.label) || raw;
  return raw;
}
