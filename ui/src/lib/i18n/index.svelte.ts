// The UI's translations: the same Fluent files the Rust side embeds.
// `t()` reads reactive state, so every text re-renders when the language changes.
import { buildBundles, format, parseLang, DEFAULT_LANG, type Args, type Lang } from './fluent';

export { parseLang, LANGS, type Lang } from './fluent';

const sources = import.meta.glob('../../../../locales/*/*.ftl', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const { bundles, errors } = buildBundles(sources);
if (errors.length > 0) console.error('Fluent errors', errors);

const state = $state<{ lang: Lang }>({ lang: DEFAULT_LANG });

/** The current interface language. */
export function currentLang(): Lang {
  return state.lang;
}

/** Switches the interface language (persisting it is the caller's job, through ipc). */
export function setLang(lang: Lang): void {
  state.lang = parseLang(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = state.lang;
}

/** Translates a message id of locales/<lang>/*.ftl. */
export function t(id: string, args?: Args): string {
  return format(bundles, state.lang, id, args);
}
