// The catalogue in the real window: a citizen's words typed without
// diacritics find the procedure, and its page shows papers, fees and limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { click, openApp, screenshot, startDriver, tempDataDir, textOf, waitForText } from '../harness.mjs';

test('typing "doi bang lai" finds the driving-licence procedure and opens its page', async (t) => {
  const driver = await startDriver(t);
  const app = await openApp(t, driver, tempDataDir(t));
  await waitForText(app, 'app-title', 'Gõ Cửa');

  const box = await app.$('[data-testid="catalog-query"]');
  await box.waitForDisplayed();
  await box.setValue('doi bang lai');
  await app.waitUntil(
    async () => (await app.$$('[data-testid="catalog-hit"]')).length > 0,
    { timeout: 10_000, timeoutMsg: 'no search results appeared' },
  );
  const first = await app.$('[data-testid="catalog-hit"]');
  assert.equal(await first.getAttribute('data-code'), 'GC-GPLX');
  assert.match(await first.getText(), /giấy phép lái xe/);
  await screenshot(app, 'catalogue-search-vi.png');

  await first.click();
  await waitForText(app, 'procedure-name', 'Cấp, cấp đổi, cấp lại giấy phép lái xe');
  const docs = await textOf(app, 'procedure-documents');
  assert.match(docs, /Giấy khám sức khỏe/);
  const fees = await textOf(app, 'procedure-fees');
  assert.match(fees, /135\.000 đồng/);
  assert.match(fees, /115\.000 đồng/);
  assert.equal(await textOf(app, 'procedure-vneid'), 'Mức 2');
  await screenshot(app, 'procedure-gplx-vi.png');

  // Back keeps what was typed.
  await click(app, 'procedure-back');
  const again = await app.$('[data-testid="catalog-query"]');
  await again.waitForDisplayed();
  assert.equal(await again.getValue(), 'doi bang lai');

  // A query that matches nothing says so.
  await again.setValue('zzqxv');
  await textOf(app, 'catalog-no-results');
});
