// A whole visit in the real window: a scanner types the CCCD QR line (as a
// USB keyboard-wedge scanner does, with no field focused), the profile fills
// in, consent cannot be skipped, the guides' outcome and the rating are
// stored and visible afterwards.
import { test } from 'node:test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { LEAD, click, openApp, scanLike, screenshot, startDriver, tempDataDir, textOf, typeInto, waitForText } from '../harness.mjs';

const SCAN = '001090123456|012345678|Nguyễn Văn Thử|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021';

test('scan, consent, guides, rating: the whole visit is stored', async (t) => {
  const driver = await startDriver(t);
  const dataDir = tempDataDir(t);
  const app = await openApp(t, driver, dataDir);
  await click(app, 'nav-visit');
  // The volunteer is whoever signed in, not a name typed in a form.
  await waitForText(app, 'visit-operator', LEAD.name);
  await click(app, 'visit-start');
  await (await app.$('[data-testid="scan-waiting"]')).waitForDisplayed();

  // No camera under Xvfb: the camera path must fail politely, in Vietnamese.
  await click(app, 'card-camera');
  assert.match(await textOf(app, 'camera-error'), /Không mở được camera/);

  // The scanner types into whatever has focus: here, nothing in particular.
  await app.execute(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : null));
  await scanLike(app, SCAN);
  await waitForText(app, 'card-read-name', 'Nguyễn Văn Thử');
  assert.equal(await textOf(app, 'card-read-id'), '001090123456');
  assert.equal(await textOf(app, 'card-new-address'), 'Phường Sài Gòn, Thành phố Hồ Chí Minh');
  await screenshot(app, 'visit-card-vi.png');
  await click(app, 'card-continue');

  // Consent: nothing pre-ticked, and saving without the profile purpose stores nothing.
  const profile = await app.$('[data-testid="consent-profile"]');
  await profile.waitForDisplayed();
  assert.equal(await profile.isSelected(), false);
  await click(app, 'consent-save');
  assert.match(await textOf(app, 'consent-error'), /Chưa có sự đồng ý/);
  await profile.click();
  await click(app, 'consent-dossiers');
  await screenshot(app, 'visit-consent-vi.png');
  await click(app, 'consent-save');
  await textOf(app, 'consent-saved');

  // Guides (collapsed until opened): tick a step, use the troubleshooting
  // tree, record the outcome.
  await (await app.$('[data-testid="guide-vneid-level1"] summary')).click();
  await click(app, 'step-vneid-level1-install');

  // A dossier started inside the visit keeps the visit: the wizard leads
  // back to it, and the ticked step is still ticked.
  await (await app.$('[data-testid="citizen-form"]')).selectByAttribute('value', 'GC-GPLX');
  await click(app, 'start-dossier-button');
  await click(app, 'wizard-to-visit');
  await (await app.$('[data-testid="guide-vneid-level1"]')).waitForDisplayed({ timeout: 10_000 });
  assert.equal(await (await app.$('[data-testid="step-vneid-level1-install"]')).isSelected(), true);
  await click(app, 'trouble-sim');
  assert.match(await textOf(app, 'trouble-advice'), /chính người dân/);
  await (await app.$('[data-testid="outcome-vneid"]')).selectByAttribute('value', 'level1');
  await click(app, 'guides-continue');

  await click(app, 'rating-4');
  await click(app, 'rating-finish');
  await textOf(app, 'visit-done');

  // Everything is visible afterwards.
  await click(app, 'nav-citizens');
  await click(app, 'citizen-row');
  const visit = await textOf(app, 'citizen-visit');
  assert.match(visit, /Lan/);
  assert.match(visit, /Đạt mức 1/);
  assert.match(visit, /Hài lòng/);
  await screenshot(app, 'citizen-detail-vi.png');

  // Printed straight away: the dialog gets the receipt, no file is written.
  await app.execute(() => {
    window.print = () => {
      window.__printed = document.querySelector('[data-testid="print-area"]')?.textContent ?? '';
    };
  });
  await click(app, 'consent-print');
  await app.waitUntil(async () => (await app.execute(() => window.__printed ?? null)) !== null, { timeout: 5000 });
  const printed = await app.execute(() => window.__printed);
  assert.match(printed, /Nguyễn Văn Thử/);
  assert.match(printed, /001090123456/);
  assert.equal(existsSync(join(dataDir, 'exports')), false, 'no file written to print');

  // The receipt saved as a PDF.
  await click(app, 'consent-receipt');
  // The receipt is in the exports folder, and its name carries no ID number.
  const receipt = await textOf(app, 'consent-receipt-saved');
  assert.match(receipt, /exports\/consent-\d+\.pdf/);
  assert.doesNotMatch(receipt, /001090123456/);

  // The list finds the citizen as volunteers type (no diacritics) and shows
  // only part of the ID number.
  await click(app, 'citizen-back');
  await typeInto(app, 'citizen-query', 'nguyen van thu');
  await waitForText(app, 'citizens-count', '1 người');
  const row = await textOf(app, 'citizen-row');
  assert.match(row, /001••••••456/);
  assert.doesNotMatch(row, /001090123456/);
  await click(app, 'citizen-row');

  // Withdrawing the profile consent first says what it erases; "no" keeps it.
  await click(app, 'consent-withdraw-profile');
  assert.match(await textOf(app, 'consent-withdraw-confirm'), /sẽ bị xóa khỏi máy này/);
  await screenshot(app, 'citizen-withdraw-confirm-vi.png');
  await click(app, 'consent-withdraw-no');
  assert.equal(await app.$('[data-testid="consent-withdraw-confirm"]').isExisting(), false);
  await textOf(app, 'citizen-detail');
  // "Yes" erases the profile.
  await click(app, 'consent-withdraw-profile');
  await click(app, 'consent-withdraw-yes');
  assert.match(await textOf(app, 'citizens-notice'), /đã được xóa/);
});

test('a card typed by hand: every problem beside its field, what was typed kept, then accepted', async (t) => {
  const driver = await startDriver(t);
  const app = await openApp(t, driver, tempDataDir(t));
  await click(app, 'nav-visit');
  await click(app, 'visit-start');
  await click(app, 'card-manual-toggle');
  await (await app.$('[data-testid="card-manual"]')).waitForDisplayed();
  await app.$('[data-testid="card-id"]').setValue('12345');
  await app.$('[data-testid="card-birth"]').setValue('31/02/1990');
  await app.$('[data-testid="card-issue"]').setValue('15/04/2021');
  await click(app, 'card-check');
  // All of them at once, each under its own field, not only the first.
  assert.match(await textOf(app, 'card-id-error'), /12 chữ số/);
  await textOf(app, 'card-name-error');
  assert.match(await textOf(app, 'card-birth-error'), /ngày\/tháng\/năm/);
  await textOf(app, 'card-address-error');
  for (const id of ['card-id', 'card-name', 'card-birth', 'card-address']) {
    assert.equal(await app.$(`[data-testid="${id}"]`).getAttribute('aria-invalid'), 'true', `${id} marked`);
  }
  assert.equal(await app.$('[data-testid="card-issue"]').getAttribute('aria-invalid'), 'false');
  assert.equal(await app.$('[data-testid="card-id"]').getValue(), '12345', 'what was typed stays');
  await screenshot(app, 'visit-card-manual-errors-vi.png');

  // The number's year digits (85) disagree with the birth year: the card
  // may really read so; the volunteer checks it with the citizen and says so.
  // The card gives the year of birth alone, as civil records knew no more.
  await app.$('[data-testid="card-id"]').setValue('001085123456');
  await app.$('[data-testid="card-name"]').setValue('Nguyễn Văn Thử');
  await app.$('[data-testid="card-birth"]').setValue('1990');
  await app.$('[data-testid="card-address"]').setValue('Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh');
  await click(app, 'card-check');
  assert.match(await textOf(app, 'card-id-error'), /năm sinh/);
  assert.equal(await app.$('[data-testid="card-birth-error"]').isExisting(), false, 'a year alone is a birth date');
  await screenshot(app, 'visit-card-manual-confirm-vi.png');
  await click(app, 'card-confirmed');
  await click(app, 'card-check');
  await waitForText(app, 'card-read-name', 'Nguyễn Văn Thử');
  assert.equal(await app.$('[data-testid="card-id-error"]').isExisting(), false);
  await click(app, 'card-continue');
  // Registering checks the card again, with the same confirmation.
  await (await app.$('[data-testid="consent-profile"]')).waitForDisplayed();
  await click(app, 'consent-profile');
  await click(app, 'consent-save');
  await textOf(app, 'consent-saved');
});
