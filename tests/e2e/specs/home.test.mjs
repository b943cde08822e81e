// The home screen in the real window: Vietnamese first, an English switch that
// is remembered across restarts, a connectivity badge driven by a real probe,
// and a translated error that keeps what was typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  click, freePort, openApp, screenshot, startDriver, startPortal, tempDataDir, textOf, waitForText,
} from '../harness.mjs';

const VI_TAGLINE = 'Trợ lý dịch vụ công trực tuyến cho tổ công nghệ số cộng đồng';
const EN_TAGLINE = 'Online public-service assistant for community digital-tech teams';

/** The tagline's text (it is hidden below 1280 px, where the header needs its room). */
async function taglineIs(app, want) {
  await app.waitUntil(async () => (await app.execute(() => document.querySelector('[data-testid="tagline"]')?.textContent ?? '')) === want, {
    timeout: 15_000,
    timeoutMsg: `tagline is not ${want}`,
  });
}

test('home screen: Vietnamese by default, English on request, remembered after restart', async (t) => {
  const portalPort = await freePort();
  const driver = await startDriver(t, { GOCUA_PORTAL_URL: `http://127.0.0.1:${portalPort}` });
  const dataDir = tempDataDir(t);

  const app = await openApp(t, driver, dataDir);
  assert.equal(await textOf(app, 'app-title'), 'Gõ Cửa');
  await taglineIs(app, VI_TAGLINE);
  assert.equal(await textOf(app, 'welcome'), 'Xin chào! Hôm nay bạn hỗ trợ người dân việc gì?');
  // No portal listens yet: the probe must say so, in Vietnamese.
  await waitForText(app, 'connectivity-label', 'Không có mạng');
  assert.equal(await app.$('html').getAttribute('lang'), 'vi');
  await screenshot(app, 'home-vi-offline.png');

  await click(app, 'lang-en');
  await taglineIs(app, EN_TAGLINE);
  assert.equal(await textOf(app, 'connectivity-label'), 'Offline');
  assert.equal(await textOf(app, 'welcome'), 'Hello! How are you helping citizens today?');
  assert.equal(await app.$('[data-testid="lang-en"]').getAttribute('aria-pressed'), 'true');

  // The sandbox portal comes up: checking again turns the badge online.
  await startPortal(t, portalPort);
  await click(app, 'connectivity-recheck');
  await waitForText(app, 'connectivity-label', 'Online');
  await screenshot(app, 'home-en-online.png');
  await app.close();

  // A restarted app opens in the language chosen last time.
  const again = await openApp(t, driver, dataDir);
  await taglineIs(again, EN_TAGLINE);
  await waitForText(again, 'connectivity-label', 'Online');
});

test('a bad portal address gets a translated error and keeps what was typed', async (t) => {
  const driver = await startDriver(t);
  const app = await openApp(t, driver, tempDataDir(t));
  await taglineIs(app, VI_TAGLINE);

  const input = await app.$('[data-testid="portal-url"]');
  await input.waitForDisplayed();
  await input.setValue('dichvucong gov vn');
  await click(app, 'portal-url-save');
  const error = await textOf(app, 'portal-url-error');
  assert.match(error, /không phải địa chỉ cổng hợp lệ/);
  assert.equal(await input.getValue(), 'dichvucong gov vn');
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  await screenshot(app, 'portal-url-error-vi.png');
});

test('the team hub: a damaged enrolment code gets a translated error and keeps what was typed', async (t) => {
  const driver = await startDriver(t);
  const app = await openApp(t, driver, tempDataDir(t));

  const code = await app.$('[data-testid="hub-code"]');
  await code.waitForDisplayed();
  await code.setValue('GC1-eyJ1IjoiaHR0cHM6');
  await app.$('[data-testid="hub-name"]').setValue('Máy của Lan');
  await click(app, 'hub-join');
  const error = await textOf(app, 'hub-error');
  assert.match(error, /Mã tham gia không đúng hoặc chưa đủ/);
  assert.equal(await code.getValue(), 'GC1-eyJ1IjoiaHR0cHM6');
  assert.equal(await app.$('[data-testid="hub-name"]').getValue(), 'Máy của Lan');
  await screenshot(app, 'hub-code-error-vi.png');
});
