// Operators and kiosk mode in the real window: the app starts locked, a
// wrong PIN is refused, kiosk mode hides citizens' data and wipes the screen
// when idle, and leaving it takes a volunteer's PIN; at the kiosk a printout
// goes straight to the printer, with no print dialog.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  TEST_PASSPHRASE, appBinary, click, openApp, screenshot, startDriver, tempDataDir, textOf, waitForText,
} from '../harness.mjs';

const gocua = join(appBinary, '..', 'gocua');

test('locked start, kiosk mode hides citizens and wipes when idle, PIN to leave', async (t) => {
  const dataDir = tempDataDir(t);
  execFileSync(gocua, ['operator', 'add', 'Lan', '--role', 'lead'], {
    env: { ...process.env, GOCUA_DATA_DIR: dataDir, GOCUA_PASSPHRASE: TEST_PASSPHRASE, GOCUA_OPERATOR_PIN: '480916' },
  });
  const driver = await startDriver(t, { GOCUA_KIOSK_IDLE_SECONDS: '3' });
  const app = await openApp(t, driver, dataDir, { signIn: false });

  await (await app.$('[data-testid="lock-screen"]')).waitForDisplayed({ timeout: 15_000 });
  // The lock screen speaks both languages.
  await click(app, 'lang-en');
  await waitForText(app, 'pin-submit', 'Unlock');
  await click(app, 'lang-vi');
  await app.waitUntil(async () => (await app.$('[data-testid="pin-name"]').getValue()) === 'Lan', { timeout: 5000 });
  await app.$('[data-testid="pin-input"]').setValue('000000');
  await click(app, 'pin-submit');
  assert.match(await textOf(app, 'pin-error'), /không đúng/);
  await app.$('[data-testid="pin-input"]').setValue('480916');
  await click(app, 'pin-submit');
  assert.equal(await textOf(app, 'operator-name'), 'Lan');

  // What the volunteer searched is not left for the first citizen.
  await (await app.$('[data-testid="catalog-query"]')).setValue('khai sinh');
  const before = await app.getWindowRect();
  await click(app, 'kiosk-enter');
  await textOf(app, 'kiosk-badge');
  assert.equal(await (await app.$('[data-testid="catalog-query"]')).getValue(), '');
  // Citizens read it themselves: it speaks to them, in large text.
  assert.match(await textOf(app, 'welcome'), /ông\/bà/);
  assert.equal(await app.execute(() => document.documentElement.classList.contains('large-text')), true);
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

test('a new installation asks for its lead first; the lead manages the team in the app', async (t) => {
  const driver = await startDriver(t);
  const app = await openApp(t, driver, tempDataDir(t), { signIn: false });
  await (await app.$('[data-testid="first-lead-screen"]')).waitForDisplayed({ timeout: 15_000 });
  // Nothing else is reachable: no navigation, no search.
  assert.equal(await app.$('[data-testid="nav-citizens"]').isExisting(), false);
  await screenshot(app, 'first-lead-vi.png');
  await app.$('[data-testid="first-lead-name"]').setValue('Lan');
  await app.$('[data-testid="first-lead-pin"]').setValue('480916');
  await app.$('[data-testid="first-lead-pin-again"]').setValue('480917');
  await click(app, 'first-lead-submit');
  assert.match(await textOf(app, 'first-lead-error'), /không giống nhau/);
  // What was typed stays; only the PINs are cleared.
  assert.equal(await app.$('[data-testid="first-lead-name"]').getValue(), 'Lan');
  await app.$('[data-testid="first-lead-pin"]').setValue('480916');
  await app.$('[data-testid="first-lead-pin-again"]').setValue('480916');
  await click(app, 'first-lead-submit');
  assert.equal(await textOf(app, 'operator-name'), 'Lan');

  await click(app, 'nav-operators');
  await (await app.$('[data-testid="operators-page"]')).waitForDisplayed();
  await app.$('[data-testid="operator-add-name"]').setValue('Minh');
  await app.$('[data-testid="operator-add-pin"]').setValue('593027');
  await click(app, 'operator-add');
  await waitForText(app, 'operators-saved', 'Đã thêm Minh.');
  await app.waitUntil(async () => (await app.$$('[data-testid="operator-row"]')).length === 2);
  await screenshot(app, 'operators-vi.png');
  // The last lead cannot be removed.
  const rows = await app.$$('[data-testid="operator-row"]');
  await rows[0].$('[data-testid="operator-remove"]').click();
  await click(app, 'operator-remove-confirm');
  assert.match(await textOf(app, 'operators-error'), /trưởng nhóm cuối cùng/);
  // Minh forgot his PIN: the lead sets a new one.
  const minh = (await app.$$('[data-testid="operator-row"]'))[1];
  await minh.$('[data-testid="operator-reset"]').click();
  await app.$('[data-testid="operator-new-pin"]').setValue('602718');
  await click(app, 'operator-reset-save');
  await waitForText(app, 'operators-saved', 'Đã đặt mã PIN mới cho Minh.');

  // Minh signs in with it; a volunteer has no users page.
  await click(app, 'lock-now');
  await (await app.$('[data-testid="lock-screen"]')).waitForDisplayed({ timeout: 15_000 });
  await (await app.$('[data-testid="pin-name"]')).selectByAttribute('value', 'Minh');
  await app.$('[data-testid="pin-input"]').setValue('602718');
  await click(app, 'pin-submit');
  assert.equal(await textOf(app, 'operator-name'), 'Minh');
  assert.equal(await app.$('[data-testid="nav-operators"]').isExisting(), false);
});

test('self-service at the kiosk: a citizen fills in the form and prints it with no dialog, and nothing is stored', async (t) => {
  const dataDir = tempDataDir(t);
  execFileSync(gocua, ['operator', 'add', 'Lan', '--role', 'lead'], {
    env: { ...process.env, GOCUA_DATA_DIR: dataDir, GOCUA_PASSPHRASE: TEST_PASSPHRASE, GOCUA_OPERATOR_PIN: '480916' },
  });
  // A stand-in printing system on the app's PATH: keeps the job it is
  // handed on standard input, or refuses while told to.
  const printer = mkdtempSync(join(tmpdir(), 'gocua-lp-'));
  t.after(() => rmSync(printer, { recursive: true, force: true }));
  writeFileSync(
    join(printer, 'lp'),
    `#!/bin/sh\n[ -e '${printer}/refuse' ] && exit 1\ncat > '${printer}/job.pdf'\n`,
    { mode: 0o755 },
  );
  const driver = await startDriver(t, { PATH: `${printer}:${process.env.PATH}` });
  const app = await openApp(t, driver, dataDir, { signIn: false });
  await (await app.$('[data-testid="lock-screen"]')).waitForDisplayed({ timeout: 15_000 });
  await app.waitUntil(async () => (await app.$('[data-testid="pin-name"]').getValue()) === 'Lan', { timeout: 5000 });
  await app.$('[data-testid="pin-input"]').setValue('480916');
  await click(app, 'pin-submit');
  await click(app, 'kiosk-enter');
  await textOf(app, 'kiosk-badge');

  await (await app.$('[data-testid="catalog-query"]')).setValue('doi bang lai');
  await app.waitUntil(async () => (await app.$$('[data-testid="catalog-hit"]')).length > 0, { timeout: 5000 });
  await (await app.$$('[data-testid="catalog-hit"]'))[0].click();
  await click(app, 'self-start');
  await (await app.$('[data-testid="task-list"]')).waitForDisplayed({ timeout: 10_000 });
  await screenshot(app, 'kiosk-self-service-tasks-vi.png');
  // The first question page: the citizen types their name.
  await (await app.$('[data-testid="task-list"] button')).click();
  const first = await app.$('[data-testid="question-page"] input[type="text"]');
  await first.waitForDisplayed({ timeout: 10_000 });
  await first.setValue('Nguyễn Văn Tự');
  await screenshot(app, 'kiosk-self-service-question-vi.png');
  await click(app, 'wizard-back');
  await click(app, 'self-to-print');
  await (await app.$('[data-testid="self-papers"]')).waitForDisplayed({ timeout: 10_000 });
  await screenshot(app, 'kiosk-self-service-print-vi.png');
  // No dialog at the kiosk: the printout goes straight to the printer.
  await click(app, 'self-print');
  await (await app.$('[data-testid="self-printed"]')).waitForDisplayed({ timeout: 10_000 });
  const job = readFileSync(join(printer, 'job.pdf'));
  assert.equal(job.subarray(0, 4).toString('latin1'), '%PDF', 'a PDF reached the printer');
  assert.ok(job.length > 50_000, `the printout with its font (${job.length} bytes)`);
  // A printer that refuses is said, in words, and the answers stay.
  writeFileSync(join(printer, 'refuse'), '');
  await click(app, 'self-print');
  const said = await textOf(app, 'self-error');
  assert.match(said, /tình nguyện viên/);
  assert.match(said, /câu trả lời của bạn vẫn còn trên màn hình/);
  await screenshot(app, 'kiosk-self-service-no-printer-vi.png');
  await app.close();

  // Nothing of it was stored: no dossier, no citizen.
  const env = { ...process.env, GOCUA_DATA_DIR: dataDir, GOCUA_PASSPHRASE: TEST_PASSPHRASE };
  assert.deepEqual(JSON.parse(execFileSync(gocua, ['--json', 'dossier', 'list', '--state', 'all'], { env, encoding: 'utf8' })), []);
  assert.deepEqual(JSON.parse(execFileSync(gocua, ['--json', 'citizen', 'list'], { env, encoding: 'utf8' })), []);
});
