// The team lead's dashboard in the real window: the month's figures agree
// with the CLI's report of the same data, the charts are drawn, and the
// three exports are written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, click, openApp, screenshot, startDriver, tempDataDir, textOf } from '../harness.mjs';

test('dashboard: figures, charts and exports', async (t) => {
  const data = tempDataDir(t);
  cli(data, 'demo', 'seed', '--citizens', '60', '--dossiers', '90');
  const month = new Date().toISOString().slice(0, 7);
  const want = JSON.parse(cli(data, 'report', '--month', month));

  // The system's viewer, as the app starts it: here a script that notes the file.
  const viewer = join(tempDataDir(t), 'viewer.sh');
  const opened = `${viewer}.opened`;
  writeFileSync(viewer, `#!/bin/sh\necho "$1" >> '${opened}'\n`);
  chmodSync(viewer, 0o755);
  const driver = await startDriver(t, { GOCUA_OPENER: viewer });
  const app = await openApp(t, driver, data);
  await click(app, 'nav-reports');
  await textOf(app, 'report-title');
  await app.waitUntil(async () => (await textOf(app, 'report-citizens')) === String(want.citizens_served), {
    timeout: 15_000,
    timeoutMsg: `citizens served is not ${want.citizens_served}`,
  });
  assert.equal(await textOf(app, 'report-dossiers'), String(want.dossiers));
  for (const chart of ['chart-days', 'chart-procedures', 'chart-satisfaction']) {
    const canvas = await app.$(`[data-testid="${chart}"]`);
    assert.ok((await canvas.getSize('width')) > 100, `${chart} drawn`);
  }
  await screenshot(app, 'report-vi.png');
  await app.execute(() => document.querySelector('[data-testid="chart-days"]')?.scrollIntoView());
  await screenshot(app, 'report-charts-vi.png');

  for (const format of ['xlsx', 'csv', 'pdf']) {
    await click(app, `report-export-${format}`);
    await app.waitUntil(async () => (await textOf(app, 'report-saved')).endsWith(`.${format}`), { timeout: 15_000 });
    const path = (await textOf(app, 'report-saved')).replace(/^[^:]*:\s*/, '');
    assert.ok(existsSync(path), `${path} written`);
  }
  // "Open the file" shows the PDF in the system's viewer.
  const pdf = (await textOf(app, 'report-saved')).replace(/^[^:]*:\s*/, '');
  await click(app, 'report-open');
  await app.waitUntil(async () => existsSync(opened) && readFileSync(opened, 'utf8').includes(pdf.split('/').pop()), {
    timeout: 10_000,
    timeoutMsg: 'the viewer was not started with the saved PDF',
  });

  // One volunteer's view.
  const volunteer = want.volunteers[0];
  await (await app.$('[data-testid="report-operator"]')).selectByAttribute('value', volunteer);
  const theirs = JSON.parse(cli(data, 'report', '--month', month, '--operator', volunteer));
  await app.waitUntil(async () => (await textOf(app, 'report-citizens')) === String(theirs.citizens_served), {
    timeout: 15_000,
    timeoutMsg: `${volunteer}: citizens served is not ${theirs.citizens_served}`,
  });
});
