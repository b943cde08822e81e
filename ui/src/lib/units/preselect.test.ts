import { describe, expect, it } from 'vitest';
import type { CommuneDto, ConversionDto } from '$lib/ipc';
import { preselect } from './preselect';

const c = (province: string, commune: string) =>
  ({ province: { code: province, name: province }, commune: { code: commune, name: commune } }) as CommuneDto;
const conv = (found: CommuneDto[], unsure: ConversionDto['unsure'] = []): ConversionDto => ({
  line: '', old: [], new: found, already_new: false, former: [], unsure,
});

describe('preselect', () => {
  it('chooses only what is certain', () => {
    expect(preselect(null)).toEqual({ province: '', commune: '' });
    expect(preselect(conv([]))).toEqual({ province: '', commune: '' });
    expect(preselect(conv([c('01', '00004')]))).toEqual({ province: '01', commune: '00004' });
    expect(preselect(conv([c('01', '00004'), c('01', '00007')]))).toEqual({ province: '01', commune: '' });
    expect(preselect(conv([c('01', '00004'), c('79', '26740')]))).toEqual({ province: '', commune: '' });
  });

  it('chooses nothing when a part was read without certainty', () => {
    const unsure = [{ typed: 'Xã Trung Hiu', read_as: { code: '1', name: 'Xã Trung Hiếu' }, others: [] }];
    expect(preselect(conv([c('86', '29683')], unsure))).toEqual({ province: '', commune: '' });
  });
});
