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
