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

/** Picks the current language from a Vietnamese/English text pair. */
export function lt(text: { vi: string; en: string | null } | null | undefined): string {
  if (!text) return '';
  return state.lang === 'en' && text.en ? text.en : text.vi;
}

/** An amount of đồng with the current language's digit grouping ("135.000 đồng"). */
export function money(amount: number): string {
  const grouped = new Intl.NumberFormat(state.lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 0 }).format(amount);
  return t('fee-amount', { amount: grouped });
}
