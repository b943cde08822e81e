// A whole khai sinh dossier by keyboard alone, as a volunteer who cannot or
// does not use a mouse: from the home screen's search to the dossier in the
// sending queue. Every Tab, Enter, Space and arrow is counted, and the test
// fails above 120 (the UI tour needed 240 before focus moved to each new
// page, guides were collapsed and check answers had its action at the top).
// Typed text is not counted (the same for any input method), nor the one
// file chosen in the file dialog (WebDriver cannot drive a native dialog).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, openApp, screenshot, startDriver, tempDataDir, textOf, waitForText } from '../harness.mjs';

const BUDGET = 120;
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAAQElEQVR42u3PMQ0AAAwDoPpXVlm1sHcJOCB9LgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICVwP3MCGlAxJ6DgAAAABJRU5ErkJggg==';

test('a whole dossier by keyboard alone, within the key budget', async (t) => {
  const data = tempDataDir(t);
  cli(data, 'demo', 'seed', '--citizens', '12', '--seed', '5');
  const citizen = JSON.parse(cli(data, 'citizen', 'list', '--json')).find(
    (c) => c.consents.some((k) => k.purpose === 'dossiers' && k.granted) && c.consents.some((k) => k.purpose === 'document_images' && k.granted),
  );
  assert.ok(citizen);
  const driver = await startDriver(t);
  const app = await openApp(t, driver, data);

  let keys = 0;
  const log = [];
  const active = () => app.execute(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '');
  async function press(key, times = 1) {
    for (let i = 0; i < times; i++) {
      await app.keys([key]);
      keys += 1;
    }
  }
  /** Presses Tab until the element is focused, as a sighted keyboard user would. */
  async function tabTo(testid, max = 40) {
    const before = keys;
    for (let i = 0; i <= max; i++) {
      if ((await active()) === testid) {
        log.push(`${testid}: ${keys - before} Tab`);
        return;
      }
      await press('Tab');
    }
    throw new Error(`${testid} not reached in ${max} Tabs (focus on ${await active()})`);
  }
  /** Types text into the focused field (not counted: characters, not
   * navigation). Through WebDriver's "send keys" to the focused element:
   * WebKitWebDriver's key actions drop characters even in a plain input
   * ("Thi Me 1995" arrives as "ThiMe195"). */
  async function type(text) {
    const focused = await app.getActiveElement();
    await (await app.$(focused)).addValue(text);
  }
  async function page(id) {
    await app.waitUntil(async () => (await (await app.$('[data-testid="question-page"]')).getAttribute('data-page')) === id, {
      timeout: 15_000,
      timeoutMsg: `page ${id} not shown`,
    });
  }
  async function taskList() {
    await (await app.$('[data-testid="task-list"]')).waitForDisplayed({ timeout: 15_000 });
  }
  /** A radio group: Tab into it, then arrows to the option (an arrow also selects). */
  async function choose(path, value) {
    const target = `option-${path}-${value}`;
    const before = keys;
    for (let i = 0; i < 40 && !(await active()).startsWith(`option-${path}-`); i++) await press('Tab');
    for (let i = 0; i < 10 && (await active()) !== target; i++) await press('ArrowDown');
    assert.equal(await active(), target);
    if (!(await (await app.$(`[data-testid="${target}"]`)).isSelected())) await press('Space');
    log.push(`${target}: ${keys - before} keys`);
  }
  /** Types into an empty field; one already filled (prefilled from the card) is left as it is. */
  async function fill(testid, text) {
    if ((await (await app.$(`[data-testid="${testid}"]`)).getValue()) !== '') return;
    await tabTo(testid);
    await type(text);
  }
  async function next() {
    await tabTo('wizard-continue');
    await press('Enter');
  }

  // Home: the search box has the focus.
  await app.waitUntil(async () => (await active()) === 'catalog-query', { timeout: 15_000, timeoutMsg: 'search not focused' });
  await type('khai sinh');
  await (await app.$('[data-testid="catalog-hit"][data-code="GC-KHAISINH"]')).waitForDisplayed({ timeout: 15_000 });
  await press('Enter');

  // The procedure's page: start a dossier for the citizen, found by ID digits.
  await (await app.$('[data-testid="start-dossier"]')).waitForDisplayed({ timeout: 15_000 });
  await fill('start-citizen', citizen.cccd.slice(3, 9));
  await (await app.$('[data-testid="start-pick"]')).waitForDisplayed({ timeout: 15_000 });
  await tabTo('start-pick');
  await press('Enter');
  await tabTo('start-dossier-button');
  await press('Enter');

  // The declarant (prefilled from the card).
  await taskList();
  await tabTo('task-declarant');
  await press('Enter');
  await page('declarant_identity');
  await next();
  await page('declarant_relation');
  await choose('declarant_relation', 'mother');
  await next();
  await page('declarant_contact');
  await fill('input-declarant_phone', '0912345678');
  await next();

  // The child.
  await taskList();
  await tabTo('task-child');
  await press('Enter');
  await page('child_name');
  await fill('input-child_name', 'Tran Minh An');
  await next();
  await page('child_birth');
  await fill('input-child_birth_date', '01/11/2026');
  await choose('child_sex', 'female');
  await next();
  await page('child_origin');
  await fill('input-child_ethnicity', 'Kinh');
  await fill('input-child_nationality', 'Viet Nam');
  await next();
  await page('child_birthplace');
  await choose('child_birthplace_kind', 'medical');
  await fill('input-child_birthplace_facility', 'Tram y te xa');
  await choose('birth_certificate', 'yes');
  await next();
  await page('child_hometown');
  await fill('input-child_hometown', 'Nam Dinh');
  await next();

  // The mother.
  await taskList();
  await tabTo('task-mother');
  await press('Enter');
  await page('mother_identity');
  await fill('input-mother_name', 'Nguyen Thi Me');
  await fill('input-mother_birth_date', '02/03/1995');
  await fill('input-mother_id', '001195012345');
  await next();
  await page('mother_origin');
  await fill('input-mother_ethnicity', 'Kinh');
  await fill('input-mother_nationality', 'Viet Nam');
  await next();
  await page('mother_home');
  // Province and commune: a select takes an arrow to change.
  await tabTo('f-mother_home-province');
  await app.waitUntil(async () => (await app.$$('[data-testid="f-mother_home-province"] option')).length > 30);
  await press('ArrowDown');
  await tabTo('f-mother_home-commune');
  await app.waitUntil(async () => (await app.$$('[data-testid="f-mother_home-commune"] option')).length > 1);
  await press('ArrowDown');
  await fill('input-mother_home.line', 'Thon 2');
  await next();

  // No father recorded.
  await taskList();
  await tabTo('task-father');
  await press('Enter');
  await page('father_known');
  await choose('father_known', 'no');
  await next();

  // The request.
  await taskList();
  await tabTo('task-request');
  await press('Enter');
  await page('copies_page');
  await fill('input-copies', '2');
  await next();
  await page('delivery');
  await choose('result_delivery', 'office');
  await next();

  // Papers: the birth certificate chosen in the file dialog.
  await taskList();
  await tabTo('task-documents');
  await press('Enter');
  await (await app.$('[data-testid="documents-title"]')).waitForDisplayed({ timeout: 15_000 });
  const photo = join(data, 'giay-chung-sinh.png');
  writeFileSync(photo, Buffer.from(PNG, 'base64'));
  await (await app.$('[data-testid="attach-file-1"]')).setValue(photo);
  await app.waitUntil(async () => (await (await app.$('[data-testid="document-1"]')).getAttribute('data-status')) === 'attached', {
    timeout: 20_000,
  });
  await tabTo('documents-continue');
  await press('Enter');

  // Check answers: the actions are at the top.
  await textOf(app, 'check-title');
  await tabTo('mark-ready-top');
  await press('Enter');
  await (await app.$('[data-testid="queue-dossier-top"]')).waitForDisplayed({ timeout: 15_000 });
  await tabTo('queue-dossier-top');
  await press('Enter');
  await waitForText(app, 'wizard-state', 'Chờ gửi');
  await screenshot(app, 'keyboard-queued-vi.png');

  t.diagnostic(`${keys} keys: ${log.join('; ')}`);
  assert.ok(keys <= BUDGET, `${keys} keys (budget ${BUDGET}): ${log.join('; ')}`);
});
