// What the address picker may choose for the volunteer after an old address
// was converted: only what is certain. A commune split in 2025 is a question
// for the citizen, never silently the first candidate; the province is given
// when every candidate lies in it.
import type { CommuneDto } from '$lib/ipc';

export function preselect(found: CommuneDto[]): { province: string; commune: string } {
  const first = found[0];
  const oneProvince = new Set(found.map((n) => n.province.code)).size === 1;
  return {
    province: first && oneProvince ? first.province.code : '',
    commune: first && found.length === 1 ? first.commune.code : '',
  };
}
