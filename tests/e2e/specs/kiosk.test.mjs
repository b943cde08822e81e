// Operators and kiosk mode in the real window: the app starts locked, a
// wrong PIN is refused, kiosk mode hides citizens' data and wipes the screen
// when idle, and leaving it takes a volunteer's PIN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  TEST_PASSPHRASE, appBinary, click, openApp, screenshot, startDriver, tempDataDir, textOf,
} from '../harness.mjs';

const gocua = join(appBinary, '..', 'gocua');

test('locked start, kiosk mode hides citizens and wipes when idle, PIN to leave', async (t) => {
  const dataDir = tempDataDir(t);
  execFileSync(gocua, ['operator', 'add', 'Lan', '--role', 'lead'], {
    env: { ...process.env, GOCUA_DATA_DIR: dataDir, GOCUA_PASSPHRASE: TEST_PASSPHRASE, GOCUA_OPERATOR_PIN: '480916' },
  });
  const driver = await startDriver(t, { GOCUA_KIOSK_IDLE_SECONDS: '3' });
  const app = await openApp(t, driver, dataDir);

  await (await app.$('[data-testid="lock-screen"]')).waitForDisplayed({ timeout: 15_000 });
  await app.waitUntil(async () => (await app.$('[data-testid="pin-name"]').getValue()) === 'Lan', { timeout: 5000 });
  await app.$('[data-testid="pin-input"]').setValue('000000');
  await click(app, 'pin-submit');
  assert.match(await textOf(app, 'pin-error'), /không đúng/);
  await app.$('[data-testid="pin-input"]').setValue('480916');
  await click(app, 'pin-submit');
  assert.equal(await textOf(app, 'operator-name'), 'Lan');

  const before = await app.getWindowRect();
  await click(app, 'kiosk-enter');
  await textOf(app, 'kiosk-badge');
  // The kiosk fills the screen (Xvfb's is 1280×1024 in the test command).
  await app.waitUntil(
    async () => {
      const r = await app.getWindowRect();
      return r.x === 0 && r.y === 0 && r.width === 1280 && r.height === 1024;
    },
    { timeout: 5000, timeoutMsg: 'the kiosk window does not fill the screen' },
  );
  assert.equal(await app.$('[data-testid="nav-citizens"]').isExisting(), false);
  const box = await app.$('[data-testid="catalog-query"]');
  await box.setValue('doi bang lai');
  await app.waitUntil(async () => (await app.$$('[data-testid="catalog-hit"]')).length > 0, { timeout: 5000 });
  await screenshot(app, 'kiosk-before-idle-vi.png');

  // Idle for longer than the kiosk timeout: the screen is wiped, kiosk mode stays.
  await app.execute(() => (window.__beforeIdle = true));
  await new Promise((r) => setTimeout(r, 5500));
  // The page was reloaded: nothing of the previous screen is left in memory.
  assert.equal(await app.execute(() => window.__beforeIdle ?? null), null);
  const fresh = await app.$('[data-testid="catalog-query"]');
  await fresh.waitForDisplayed({ timeout: 10_000 });
  assert.equal(await fresh.getValue(), '');
  await textOf(app, 'kiosk-badge');

  // Citizens' pages are not reachable, even by address.
  await app.execute(() => (window.location.hash = '#/citizens'));
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await app.$('[data-testid="citizens"]').isExisting(), false);

  await click(app, 'kiosk-leave');
  await (await app.$('[data-testid="kiosk-leave-form"]')).waitForDisplayed();
  await app.$('[data-testid="kiosk-leave-form"] [data-testid="pin-input"]').setValue('480916');
  await click(app, 'pin-submit');
  await (await app.$('[data-testid="nav-citizens"]')).waitForDisplayed({ timeout: 10_000 });
  assert.equal(await app.$('[data-testid="kiosk-badge"]').isExisting(), false);
  // An ordinary window again, where it was.
  await app.waitUntil(async () => (await app.getWindowRect()).width === before.width, {
    timeout: 5000,
    timeoutMsg: 'the window did not come back to its size',
  });
});
