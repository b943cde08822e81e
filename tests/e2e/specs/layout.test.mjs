// The window at the sizes volunteers' laptops have: no sideways scrolling at
// 800×600 on any main screen, the menu on one line at 1280 px with a
// volunteer signed in, and the page's content starting in the top fifth of a
// 768-px-high screen (the header does not eat the kitchen-table laptop),
// and every control at least 24×24 px (WCAG 2.2 target size) — on the main
// screens and on every page of a dossier's wizard; and the focus ring stands
// out (3:1) from the background behind each control a Tab reaches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, click, openApp, startDriver, tempDataDir } from '../harness.mjs';

const SCREENS = ['#/', '#/visit', '#/citizens', '#/dossiers', '#/queue', '#/reports', '#/procedure/GC-KHAISINH'];

async function settle(app) {
  await new Promise((r) => setTimeout(r, 700));
}

/** The controls on the screen that are smaller than 24×24 px. */
async function smallControls(app) {
  return app.execute(() =>
    [...document.querySelectorAll('button, select, input:not([type="hidden"]):not([type="file"])')]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 24 || r.height < 24)
      .map(({ el, r }) => `${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') ?? el.textContent?.trim().slice(0, 20)}] ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
}

/**
 * Tabs through the screen (`presses` times) and, for each element focused,
 * the focus ring's best contrast with the background behind it (WCAG 2.2
 * 2.4.13 asks 3:1): the outline and the box-shadow ring are both measured,
 * and the one that stands out more counts. Returns what falls short.
 */
async function weakFocusRings(app, presses) {
  const weak = [];
  for (let i = 0; i < presses; i++) {
    await app.keys(['Tab']);
    const found = await app.execute(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const rgb = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = ([r, g, b]) => {
        const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const ratio = (a, b) => {
        const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
        return (x + 0.05) / (y + 0.05);
      };
      // The background behind the element: its parents' first opaque one.
      let bg = [255, 255, 255];
      for (let n = el.parentElement; n; n = n.parentElement) {
        const c = rgb(getComputedStyle(n).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) {
          bg = c.slice(0, 3);
          break;
        }
      }
      const style = getComputedStyle(el);
      const rings = [];
      if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) rings.push(rgb(style.outlineColor).slice(0, 3));
      const shadow = style.boxShadow.match(/rgba?\([^)]*\)/);
      if (shadow) rings.push(rgb(shadow[0]).slice(0, 3));
      const best = Math.max(0, ...rings.map((c) => ratio(c, bg)));
      const name = `${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') ?? el.textContent?.trim().slice(0, 20)}]`;
      return { name, best: Math.round(best * 10) / 10 };
    });
    if (found && found.best < 3) weak.push(`${found.name} ${found.best}:1`);
  }
  return weak;
}

test('no sideways scroll at 800×600, one-line menu at 1280, controls at least 24×24 px, content high on a 768-px screen', async (t) => {
  const data = tempDataDir(t);
  cli(data, 'demo', 'seed', '--citizens', '30', '--seed', '3');
  const driver = await startDriver(t);
  const app = await openApp(t, driver, data);

  // Wide: the menu is one line with a volunteer signed in, in both languages.
  await app.setWindowRect(0, 0, 1280, 800);
  for (const lang of ['vi', 'en']) {
    await click(app, `lang-${lang}`);
    await settle(app);
    const rows = await app.execute(() => {
      const tops = new Set([...document.querySelectorAll('nav[aria-label="main"] a')].map((a) => Math.round(a.getBoundingClientRect().top)));
      return tops.size;
    });
    assert.equal(rows, 1, `the menu wraps at 1280 px (${lang})`);
  }
  await click(app, 'lang-vi');

  // Every control is at least 24×24 px (WCAG 2.2 target size) on the main
  // screens and on every page of a dossier's wizard.
  const dossier = cli(data, 'dossier', 'create', 'GC-KHAISINH', '--consent-dossiers', '--consent-photos').trim().split(/\s+/).pop();
  const shown = JSON.parse(cli(data, '--json', 'dossier', 'show', dossier));
  const pages = shown.sections.flatMap((s) => s.pages.map((p) => p.id));
  assert.ok(pages.length > 3, 'the khai sinh form has its pages');
  const wizard = ['tasks', ...pages, 'documents', 'check'].map((p) => `#/dossier/${dossier}/${p}`);
  for (const hash of [...SCREENS, ...wizard]) {
    await app.execute((h) => (window.location.hash = h), hash);
    await settle(app);
    assert.deepEqual(await smallControls(app), [], `${hash}: controls under 24×24 px`);
  }

  // The focus ring stands out (3:1) wherever a Tab lands.
  for (const hash of ['#/', `#/dossier/${dossier}/${pages[0]}`, `#/dossier/${dossier}/check`, '#/procedure/GC-KHAISINH']) {
    await app.execute((h) => (window.location.hash = h), hash);
    await settle(app);
    assert.deepEqual(await weakFocusRings(app, 25), [], `${hash}: focus rings under 3:1`);
  }

  // A 1024×768 laptop: the page starts in the top fifth (154 px).
  await app.setWindowRect(0, 0, 1024, 768);
  await app.execute(() => (window.location.hash = '#/dossiers'));
  await settle(app);
  const top = await app.execute(() => {
    const main = document.querySelector('main');
    const first = main?.firstElementChild;
    return Math.round((first ?? main).getBoundingClientRect().top);
  });
  const height = await app.execute(() => window.innerHeight);
  assert.ok(top <= height / 5, `content starts at ${top} px of ${height}`);

  // Small: nothing scrolls sideways.
  await app.setWindowRect(0, 0, 800, 600);
  for (const hash of [...SCREENS, ...wizard]) {
    await app.execute((h) => (window.location.hash = h), hash);
    await settle(app);
    const [scroll, client] = await app.execute(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, `${hash} scrolls sideways at 800×600: ${scroll} > ${client}`);
  }
});
