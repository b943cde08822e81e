// What the address picker may choose for the volunteer after an old address
// was converted: only what is certain. A commune split in 2025 is a question
// for the citizen, never silently the first candidate; the province is given
// when every candidate lies in it. A conversion that read a part without
// certainty (a typo, names alike) chooses nothing: it is a question too.
import type { ConversionDto } from '$lib/ipc';

export function preselect(conversion: ConversionDto | null | undefined): { province: string; commune: string } {
  const found = conversion && conversion.unsure.length === 0 ? conversion.new : [];
  const first = found[0];
  const oneProvince = new Set(found.map((n) => n.province.code)).size === 1;
  return {
    province: first && oneProvince ? first.province.code : '',
    commune: first && found.length === 1 ? first.commune.code : '',
  };
}
