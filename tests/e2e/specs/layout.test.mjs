// The window at the sizes volunteers' laptops have: no sideways scrolling at
// 800×600 on any main screen, the menu on one line at 1280 px with a
// volunteer signed in, and the page's content starting in the top fifth of a
// 768-px-high screen (the header does not eat the kitchen-table laptop),
// and every control at least 24×24 px (WCAG 2.2 target size).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, click, openApp, startDriver, tempDataDir } from '../harness.mjs';

const SCREENS = ['#/', '#/visit', '#/citizens', '#/dossiers', '#/queue', '#/reports', '#/procedure/GC-KHAISINH'];

async function settle(app) {
  await new Promise((r) => setTimeout(r, 700));
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

  // Every control is at least 24×24 px (WCAG 2.2 target size) on the main screens.
  for (const hash of SCREENS) {
    await app.execute((h) => (window.location.hash = h), hash);
    await settle(app);
    const small = await app.execute(() =>
      [...document.querySelectorAll('button, select, input:not([type="hidden"]):not([type="file"])')]
        .filter((el) => el.getClientRects().length > 0)
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 24 || r.height < 24)
        .map(({ el, r }) => `${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') ?? el.textContent?.trim().slice(0, 20)}] ${Math.round(r.width)}×${Math.round(r.height)}`),
    );
    assert.deepEqual(small, [], `${hash}: controls under 24×24 px`);
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
  for (const hash of SCREENS) {
    await app.execute((h) => (window.location.hash = h), hash);
    await settle(app);
    const [scroll, client] = await app.execute(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, `${hash} scrolls sideways at 800×600: ${scroll} > ${client}`);
  }
});
