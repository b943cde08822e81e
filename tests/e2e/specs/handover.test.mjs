// Handing a draft between two laptops of a team, in the real window: a
// throwaway PostgreSQL and hub; laptop B (the real `gocua` CLI) hands a
// draft to laptop A (this window), whose volunteer sees what it is and
// accepts it; then hands it back from the dossier's page with the citizen's
// agreement, takes it back while B has not accepted, and hands it again —
// B accepts, and the draft leaves A. Every screen is checked by axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, click, freePorts, openApp, screenshot, startDriver, tempDataDir, textOf } from '../harness.mjs';
import { hub, startHub } from '../hub/server.mjs';

test('a draft handed over between two laptops has exactly one owner', async (t) => {
  const [pgPort, hubPort] = await freePorts(2);
  const { env, cert } = await startHub(t, pgPort, hubPort);
  const team = hub(env, ['team-create', '--name', 'Tổ CNS phường Đông', '--province', '01']);
  const code = () => hub(env, ['enrol-code', '--team', team, '--cert', cert]);
  const [a, b] = [tempDataDir(t), tempDataDir(t)];
  cli(a, 'hub', 'join', code(), '--name', 'Máy của Lan');
  cli(b, 'hub', 'join', code(), '--name', 'Máy của Minh');
  const aId = JSON.parse(cli(a, '--json', 'hub', 'status')).device_id;
  const bId = JSON.parse(cli(b, '--json', 'hub', 'status')).device_id;

  // B starts a driving-licence draft and hands it to A.
  const id = cli(b, 'dossier', 'create', 'GC-GPLX', '--consent-dossiers', '--consent-photos').trim().split(/\s+/).pop();
  cli(b, 'dossier', 'set', id, 'licence_class', 'b2');
  cli(b, 'hub', 'handover', 'send', id, '--to', aId, '--citizen-agreed');

  const driver = await startDriver(t);
  const app = await openApp(t, driver, a);
  await click(app, 'handover-check');
  const incoming = await app.$('[data-testid="handover-incoming"]');
  await incoming.waitForDisplayed({ timeout: 20_000 });
  assert.match(await incoming.getText(), /Máy của Minh/);
  await screenshot(app, 'handover-inbox-vi.png');
  await click(app, 'handover-accept');
  await app.waitUntil(async () => (await app.$('[data-testid="wizard"]').getAttribute('data-dossier')) === id, {
    timeout: 20_000,
    timeoutMsg: 'the accepted dossier did not open',
  });
  assert.equal(await textOf(app, 'wizard-state'), 'Đang soạn');

  // Hand it back to B from the dossier's page: the citizen's agreement first.
  const panel = await app.$('[data-testid="handover"] summary');
  await panel.waitForDisplayed({ timeout: 20_000 });
  await panel.click();
  const device = await app.$('[data-testid="handover-device"]');
  await device.waitForDisplayed({ timeout: 20_000 });
  await device.click();
  await click(app, 'handover-send');
  assert.match(await textOf(app, 'handover-error'), /Hãy hỏi ý kiến người dân trước/);
  await click(app, 'handover-agreed');
  await screenshot(app, 'handover-panel-vi.png');
  await click(app, 'handover-send');
  await app.$('[data-testid="handover-waiting"]').waitForDisplayed({ timeout: 20_000 }).catch(async (e) => {
    await app.saveScreenshot('artifacts/handover-failed.png');
    throw e;
  });
  assert.equal(await textOf(app, 'wizard-state'), 'Đang chuyển sang máy khác');
  await screenshot(app, 'handover-waiting-vi.png');

  // Taken back before B accepted: A's again, editable.
  await click(app, 'handover-reclaim');
  await app.waitUntil(async () => (await textOf(app, 'wizard-state')) === 'Đang soạn', { timeout: 20_000 });
  assert.equal(await app.$('[data-testid="handover-waiting"]').isExisting(), false);
  assert.match(cli(b, 'hub', 'handover', 'inbox'), /Không có hồ sơ nào được chuyển đến/);

  // Handed again; B accepts it; A's next sync removes A's copy.
  await (await app.$('[data-testid="handover"] summary')).click();
  await (await app.$('[data-testid="handover-device"]')).waitForDisplayed({ timeout: 20_000 });
  await (await app.$('[data-testid="handover-device"]')).click();
  await click(app, 'handover-agreed');
  await click(app, 'handover-send');
  await (await app.$('[data-testid="handover-waiting"]')).waitForDisplayed({ timeout: 20_000 });
  const waiting = JSON.parse(cli(b, '--json', 'hub', 'handover', 'inbox')).incoming;
  assert.equal(waiting.length, 1);
  cli(b, 'hub', 'handover', 'accept', waiting[0].id);
  assert.ok(JSON.parse(cli(b, '--json', 'dossier', 'list')).some((d) => d.id === id), 'B owns it');
  await app.close();
  cli(a, 'hub', 'sync');
  assert.ok(!JSON.parse(cli(a, '--json', 'dossier', 'list', '--state', 'all')).some((d) => d.id === id), 'A no longer has it');
  assert.ok(bId);
});
