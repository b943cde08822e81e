// Fluent bundles built from the shared ../locales/<lang>/*.ftl files.
// Pure functions: no Svelte state here, so they are unit-testable in Node.
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
/** Vietnamese is the default and the reference language. */
export const DEFAULT_LANG: Lang = 'vi';

export type Args = Record<string, FluentVariable>;
export type Bundles = Map<Lang, FluentBundle>;

/** Builds one bundle per language from `{ '<any path>/<lang>/<file>.ftl': text }`. */
export function buildBundles(sources: Record<string, string>): { bundles: Bundles; errors: string[] } {
  const bundles: Bundles = new Map();
  const errors: string[] = [];
  for (const lang of LANGS) {
    // Isolation marks would leak into copied values and look odd in LTR text.
    bundles.set(lang, new FluentBundle(lang, { useIsolating: false }));
  }
  for (const [path, text] of Object.entries(sources).sort(([a], [b]) => a.localeCompare(b))) {
    const lang = path.split('/').at(-2) as Lang;
    const bundle = bundles.get(lang);
    if (!bundle) continue;
    const resource = new FluentResource(text);
    for (const e of bundle.addResource(resource)) errors.push(`${path}: ${e.message}`);
  }
  return { bundles, errors };
}

/** Formats `id` in `lang`, falling back to Vietnamese, then to the id itself. */
export function format(bundles: Bundles, lang: Lang, id: string, args?: Args): string {
  for (const candidate of [lang, DEFAULT_LANG]) {
    const bundle = bundles.get(candidate);
    const message = bundle?.getMessage(id);
    if (bundle && message?.value) {
      return bundle.formatPattern(message.value, args);
    }
  }
  return id;
}

/** Reads a stored or system language preference; anything unknown means Vietnamese. */
export function parseLang(value: string | null | undefined): Lang {
  const primary = (value ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LANGS as readonly string[]).includes(primary ?? '') ? (primary as Lang) : DEFAULT_LANG;
}
