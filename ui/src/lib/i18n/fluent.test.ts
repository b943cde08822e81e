import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundles, format, parseLang, LANGS } from './fluent';

const localesDir = fileURLToPath(new URL('../../../../locales', import.meta.url));
function realSources(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const lang of LANGS) {
    for (const f of readdirSync(join(localesDir, lang))) {
      if (f.endsWith('.ftl')) out[`locales/${lang}/${f}`] = readFileSync(join(localesDir, lang, f), 'utf8');
    }
  }
  return out;
}

describe('fluent bundles over the shared locales', () => {
  it('parse without errors in every language', () => {
    const { errors } = buildBundles(realSources());
    expect(errors).toEqual([]);
  });

  it('format Vietnamese and English with arguments', () => {
    const { bundles } = buildBundles(realSources());
    expect(format(bundles, 'vi', 'connectivity-offline')).toBe('Không có mạng');
    expect(format(bundles, 'en', 'connectivity-offline')).toBe('Offline');
    expect(format(bundles, 'vi', 'connectivity-portal', { url: 'http://x/' })).toBe('Cổng: http://x/');
  });

  it('falls back to Vietnamese, then to the id', () => {
    const { bundles } = buildBundles({
      'l/vi/a.ftl': 'only-vi = Chỉ tiếng Việt\n',
      'l/en/a.ftl': 'other = Other\n',
    });
    expect(format(bundles, 'en', 'only-vi')).toBe('Chỉ tiếng Việt');
    expect(format(bundles, 'en', 'missing-id')).toBe('missing-id');
  });

  it('reports syntax errors instead of hiding them', () => {
    const { errors } = buildBundles({ 'l/vi/a.ftl': 'a = A\na = again\n' });
    expect(errors.length).toBe(1);
  });
});

describe('parseLang', () => {
  it.each([
    ['vi', 'vi'],
    ['en-US', 'en'],
    ['EN', 'en'],
    ['fr', 'vi'],
    ['', 'vi'],
    [null, 'vi'],
  ])('%s → %s', (input, want) => {
    expect(parseLang(input)).toBe(want);
  });
});
