// The app as a volunteer gets it: installed from the .deb (not run from the
// source tree). The test command installs the package and points
// GOCUA_E2E_APP at the installed binary; this checks that it starts, shows
// its window in Vietnamese, finds a procedure offline, and passes axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { appBinary, openApp, screenshot, startDriver, tempDataDir, textOf } from '../harness.mjs';

test('the installed .deb starts, with its menu entry and icon', async (t) => {
  assert.ok(appBinary.startsWith('/usr/'), `GOCUA_E2E_APP should be the installed binary, not ${appBinary}`);
  assert.ok(existsSync(appBinary), `${appBinary} is installed`);
  const desktop = '/usr/share/applications/gocua.desktop';
  assert.ok(existsSync(desktop), 'the menu entry is installed');
  const entry = readFileSync(desktop, 'utf8');
  assert.match(entry, /^Exec=gocua-desktop/m);
  assert.match(entry, /^Icon=gocua-desktop/m);
  assert.match(entry, /^Name=Gõ Cửa$/m);
  assert.ok(existsSync('/usr/share/icons/hicolor/128x128/apps/gocua-desktop.png'), 'the icon is installed');

  const driver = await startDriver(t);
  const app = await openApp(t, driver, tempDataDir(t));
  assert.equal(await textOf(app, 'app-title'), 'Gõ Cửa');
  const search = await app.$('[data-testid="catalog-query"]');
  await search.setValue('doi bang lai');
  const hit = await app.$('[data-testid="catalog-hit"][data-code="GC-GPLX"]');
  await hit.waitForDisplayed({ timeout: 15_000 });
  await screenshot(app, 'installed-home-vi.png');
});
