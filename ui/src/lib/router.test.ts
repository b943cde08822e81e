import { describe, expect, it } from 'vitest';
import { href, parseRoute } from './router.svelte';

describe('parseRoute', () => {
  it('reads the home screen and the plain pages', () => {
    expect(parseRoute('')).toEqual({ page: '', procedure: null, dossier: null, citizen: null });
    expect(parseRoute('#/')).toEqual({ page: '', procedure: null, dossier: null, citizen: null });
    expect(parseRoute('#/citizens').page).toBe('citizens');
  });

  it('reads a procedure and a dossier with its place', () => {
    expect(parseRoute('#/procedure/GC-KHAISINH').procedure).toBe('GC-KHAISINH');
    expect(parseRoute('#/dossier/abc/check').dossier).toEqual({ id: 'abc', place: 'check' });
    expect(parseRoute('#/dossier/abc').dossier).toEqual({ id: 'abc', place: null });
  });

  it('round-trips what it links to, and shrugs at damaged hashes', () => {
    expect(parseRoute(href.procedure('A/B 1')).procedure).toBe('A/B 1');
    expect(parseRoute(href.dossier('d 1', 'tasks')).dossier).toEqual({ id: 'd 1', place: 'tasks' });
    expect(parseRoute('#/procedure/%E0%A4%A').procedure).toBeNull();
    expect(parseRoute('#/dossier/a/b/c').dossier).toBeNull();
    expect(parseRoute(href.citizen('001090123456')).citizen).toBe('001090123456');
    expect(parseRoute('#/citizen/').citizen).toBeNull();
    expect(parseRoute('#/citizen/a/b').citizen).toBeNull();
  });
});
