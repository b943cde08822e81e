import { describe, expect, it } from 'vitest';
import type { CommuneDto } from '$lib/ipc';
import { preselect } from './preselect';

const c = (province: string, commune: string) =>
  ({ province: { code: province, name: province }, commune: { code: commune, name: commune } }) as CommuneDto;

describe('preselect', () => {
  it('chooses only what is certain', () => {
    expect(preselect([])).toEqual({ province: '', commune: '' });
    expect(preselect([c('01', '00004')])).toEqual({ province: '01', commune: '00004' });
    expect(preselect([c('01', '00004'), c('01', '00007')])).toEqual({ province: '01', commune: '' });
    expect(preselect([c('01', '00004'), c('79', '26740')])).toEqual({ province: '', commune: '' });
  });
});
