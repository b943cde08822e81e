// Converting an old three-tier address (as printed on older ID cards) in the real window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { click, openApp, screenshot, startDriver, tempDataDir, textOf } from '../harness.mjs';

test('an old address converts to the new commune and province; nonsense gets a clear error', async (t) => {
  const driver = await startDriver(t);
  const app = await openApp(t, driver, tempDataDir(t));

  const input = await app.$('[data-testid="old-address"]');
  await input.waitForDisplayed({ timeout: 15_000 });
  await input.setValue('12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM');
  await click(app, 'old-address-convert');
  const first = await app.$('[data-testid="old-address-new"]');
  await first.waitForDisplayed({ timeout: 10_000 });
  assert.equal(await first.getText(), '12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh');
  // The picker is preset to the converted commune.
  assert.equal(await app.$('[data-testid="converted-province"]').getValue(), '79');
  await app.waitUntil(async () => (await app.$('[data-testid="converted-commune"]').getValue()) === '26740', {
    timeout: 10_000,
    timeoutMsg: 'the commune picker was not preset',
  });
  await (await app.$('[data-testid="old-address-result"]')).scrollIntoView();
  await screenshot(app, 'units-convert-vi.png');

  await input.setValue('Xã A, Huyện B, Tỉnh Không Có');
  await click(app, 'old-address-convert');
  assert.match(await textOf(app, 'old-address-error'), /Không nhận ra tỉnh/);
  assert.equal(await input.getValue(), 'Xã A, Huyện B, Tỉnh Không Có');
});

test('a name one typo away is a question the volunteer answers, never a silent answer', async (t) => {
  const driver = await startDriver(t);
  const app = await openApp(t, driver, tempDataDir(t));

  const input = await app.$('[data-testid="old-address"]');
  await input.waitForDisplayed({ timeout: 15_000 });
  // "Trung Hiu" is one letter away from Xã Trung Hiếu (and two from Trung Hiệp).
  await input.setValue('Ấp 2, Xã Trung Hiu, Huyện Vũng Liêm, Tỉnh Vĩnh Long');
  await click(app, 'old-address-convert');
  const question = await app.$('[data-testid="units-unsure"]');
  await question.waitForDisplayed({ timeout: 10_000 });
  assert.match(await question.getText(), /Xã Trung Hiu.*Xã Trung Hiếu/s);
  // Nothing is chosen for the volunteer while the question stands.
  assert.equal(await app.$('[data-testid="converted-commune"]').getValue(), '');
  await screenshot(app, 'units-unsure-vi.png');

  // "It is Xã Trung Hiếu": the address takes the unit's name, the rest as typed.
  await click(app, 'units-unsure-pick');
  await app.waitUntil(async () => !(await (await app.$('[data-testid="units-unsure"]')).isExisting()), {
    timeout: 10_000,
    timeoutMsg: 'the question stayed after it was answered',
  });
  assert.equal(await input.getValue(), 'Ấp 2, Xã Trung Hiếu, Huyện Vũng Liêm, Tỉnh Vĩnh Long');
  await app.waitUntil(async () => (await app.$('[data-testid="converted-commune"]').getValue()) !== '', {
    timeout: 10_000,
    timeoutMsg: 'the commune picker was not preset once the question was answered',
  });

  // A former name is read, and said: Phường 8 of Quận 5 was merged into Phường 7.
  await input.setValue('Phường 8, Quận 5, TP. Hồ Chí Minh');
  await click(app, 'old-address-convert');
  const former = await app.$('[data-testid="units-former"]');
  await former.waitForDisplayed({ timeout: 10_000 });
  assert.match(await former.getText(), /Phường 8.*Phường 7/s);
  assert.equal(await textOf(app, 'old-address-new'), 'Phường An Đông, Thành phố Hồ Chí Minh');
});
