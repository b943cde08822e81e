// A khai sinh dossier through the real window: start it for a citizen,
// answers prefilled from their card, errors beside the fields, the app
// closed and reopened mid-way, the dossier resumed exactly where it was,
// filled to the end, and the check-answers page reached.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, click, freePort, openApp, screenshot, startDriver, startPortal, tempDataDir, textOf, typeInto, waitForText } from '../harness.mjs';

// A 64×48 grey PNG, standing in for a photographed paper.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAAQElEQVR42u3PMQ0AAAwDoPpXVlm1sHcJOCB9LgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICVwP3MCGlAxJ6DgAAAABJRU5ErkJggg==';

async function value(app, testid) {
  const el = await app.$(`[data-testid="${testid}"]`);
  await el.waitForDisplayed({ timeout: 15_000 });
  return el.getValue();
}

async function onPage(app, id) {
  await app.waitUntil(async () => (await (await app.$('[data-testid="question-page"]')).getAttribute('data-page')) === id, {
    timeout: 15_000,
    timeoutMsg: `page ${id} not shown`,
  });
}

/** Reloads the list of sent dossiers until one matches `pattern`. */
async function waitForListed(app, pattern, message) {
  await app.waitUntil(
    async () => {
      const filter = await app.$('[data-testid="dossier-state"]');
      await filter.selectByAttribute('value', 'all');
      await filter.selectByAttribute('value', 'sent');
      await new Promise((r) => setTimeout(r, 400));
      return pattern.test(await textOf(app, 'dossier-list').catch(() => ''));
    },
    { timeout: 30_000, interval: 1000, timeoutMsg: message },
  );
}

async function saved(app) {
  await waitForText(app, 'save-status', 'Đã lưu');
}

async function pickAddress(app, path) {
  const id = `f-${path}`;
  const province = await app.$(`[data-testid="${id}-province"]`);
  await province.waitForDisplayed();
  await app.waitUntil(async () => (await app.$$(`[data-testid="${id}-province"] option`)).length > 30);
  await province.selectByIndex(1);
  const commune = await app.$(`[data-testid="${id}-commune"]`);
  await app.waitUntil(async () => (await app.$$(`[data-testid="${id}-commune"] option`)).length > 1);
  await commune.selectByIndex(1);
  await typeInto(app, `input-${path}.line`, 'Thon 2');
}

test('khai sinh: fill, restart mid-way, resume, reach check answers', async (t) => {
  const data = tempDataDir(t);
  cli(data, 'demo', 'seed', '--citizens', '12', '--seed', '5');
  // A citizen who agreed to dossiers and to photos of their papers (the
  // store refuses both otherwise).
  const agreed = (c, purpose) => c.consents.some((k) => k.purpose === purpose && k.granted && !k.withdrawn_at);
  const citizen = JSON.parse(cli(data, 'citizen', 'list', '--json')).find(
    (c) => agreed(c, 'dossiers') && agreed(c, 'document_images'),
  );
  assert.ok(citizen, 'the seed has a citizen who agreed to dossiers and photos');
  // The portal's address is known from the start, but nothing listens there
  // yet: the dossier is queued offline.
  const portalPort = await freePort();
  const driver = await startDriver(t, { GOCUA_PORTAL_URL: `http://127.0.0.1:${portalPort}/`, GOCUA_SYNC_SECONDS: '1' });
  let app = await openApp(t, driver, data);

  // Find the procedure and start a dossier for the citizen.
  const search = await app.$('[data-testid="catalog-query"]');
  await search.waitForDisplayed({ timeout: 15_000 });
  await search.setValue('khai sinh');
  const hit = await app.$('[data-testid="catalog-hit"][data-code="GC-KHAISINH"]');
  await hit.waitForClickable({ timeout: 15_000 });
  await hit.click();
  // The citizen is found by typing part of their ID number.
  await typeInto(app, 'start-citizen', citizen.cccd.slice(3, 9));
  await click(app, 'start-pick');
  assert.match(await textOf(app, 'start-chosen'), new RegExp(citizen.name));
  await click(app, 'start-dossier-button');
  await textOf(app, 'task-list');
  // Prefilled from the card, the declarant's part is already under way.
  assert.match(await textOf(app, 'task-status-declarant'), /đang làm/iu);
  assert.match(await textOf(app, 'task-status-child'), /chưa bắt đầu/iu);
  await screenshot(app, 'dossier-tasks-vi.png');

  // The declarant is the citizen: prefilled from the card.
  await click(app, 'task-declarant');
  await onPage(app, 'declarant_identity');
  assert.equal(await value(app, 'input-declarant_name'), citizen.name);
  assert.equal(await value(app, 'input-declarant_id'), citizen.cccd);
  await click(app, 'wizard-continue');

  // Continue without an answer: the error is summarised and shown beside the field.
  await onPage(app, 'declarant_relation');
  await click(app, 'wizard-continue');
  assert.match(await textOf(app, 'error-summary'), /Chưa trả lời mục này/);
  assert.match(await textOf(app, 'error-declarant_relation'), /Chưa trả lời/);
  await screenshot(app, 'dossier-error-vi.png');
  await click(app, 'option-declarant_relation-mother');
  await saved(app);
  await click(app, 'wizard-continue');

  // A wrong phone number is kept as typed, with the reason.
  await onPage(app, 'declarant_contact');
  await typeInto(app, 'input-declarant_phone', '12345');
  await saved(app);
  await click(app, 'wizard-continue');
  assert.match(await textOf(app, 'error-declarant_phone'), /10 chữ số/);
  assert.equal(await value(app, 'input-declarant_phone'), '12345');
  await typeInto(app, 'input-declarant_phone', '0912345678');
  await saved(app);
  await click(app, 'wizard-continue');
  await app.waitUntil(async () => /đã xong/iu.test(await textOf(app, 'task-status-declarant')), {
    timeout: 15_000,
    timeoutMsg: 'declarant task not completed',
  });

  // The child, half-way.
  await click(app, 'task-child');
  await onPage(app, 'child_name');
  // The question can be read aloud (offline voice): it plays, or at least
  // does not fail.
  await click(app, 'read-question');
  await app.waitUntil(async () => (await (await app.$('[data-testid="read-question"]')).getAttribute('disabled')) === null, {
    timeout: 15_000,
    timeoutMsg: 'reading aloud never finished loading',
  });
  assert.equal(await app.$('[data-testid="read-question-error"]').isExisting(), false, 'reading aloud failed');
  await typeInto(app, 'input-child_name', 'Tran Minh An');
  await saved(app);
  await click(app, 'wizard-continue');
  await onPage(app, 'child_birth');
  await typeInto(app, 'input-child_birth_date', '01/11/2026');
  await click(app, 'option-child_sex-female');
  await saved(app);

  // The laptop is closed here. Reopen: the dossier resumes on this page.
  await app.close();
  app = await openApp(t, driver, data);
  await click(app, 'nav-dossiers');
  await click(app, 'dossier-item');
  await onPage(app, 'child_birth');
  assert.equal(await value(app, 'input-child_birth_date'), '01/11/2026');
  await click(app, 'wizard-back');
  await onPage(app, 'child_name');
  assert.equal(await value(app, 'input-child_name'), 'Tran Minh An');
  await click(app, 'wizard-continue');
  await onPage(app, 'child_birth');
  await click(app, 'wizard-continue');

  await onPage(app, 'child_origin');
  await typeInto(app, 'input-child_ethnicity', 'Kinh');
  await typeInto(app, 'input-child_nationality', 'Viet Nam');
  await saved(app);
  await click(app, 'wizard-continue');
  await onPage(app, 'child_birthplace');
  await click(app, 'option-child_birthplace_kind-medical');
  await typeInto(app, 'input-child_birthplace_facility', 'Tram y te xa');
  await click(app, 'option-birth_certificate-yes');
  await saved(app);
  await click(app, 'wizard-continue');
  await onPage(app, 'child_hometown');
  await typeInto(app, 'input-child_hometown', 'Nam Dinh');
  await saved(app);
  await click(app, 'wizard-continue');

  // The mother (the citizen herself, typed again as a volunteer would).
  await click(app, 'task-mother');
  await onPage(app, 'mother_identity');
  await typeInto(app, 'input-mother_name', 'Nguyen Thi Me');
  await typeInto(app, 'input-mother_birth_date', '02/03/1995');
  await typeInto(app, 'input-mother_id', '001195012345');
  await saved(app);
  await click(app, 'wizard-continue');
  await onPage(app, 'mother_origin');
  await typeInto(app, 'input-mother_ethnicity', 'Kinh');
  await typeInto(app, 'input-mother_nationality', 'Viet Nam');
  await saved(app);
  await click(app, 'wizard-continue');
  await onPage(app, 'mother_home');
  await pickAddress(app, 'mother_home');
  await saved(app);
  await click(app, 'wizard-continue');

  // No father recorded: his pages disappear.
  await click(app, 'task-father');
  await onPage(app, 'father_known');
  await click(app, 'option-father_known-no');
  await saved(app);
  await click(app, 'wizard-continue');
  await textOf(app, 'task-list');

  await click(app, 'task-request');
  await onPage(app, 'copies_page');
  await typeInto(app, 'input-copies', '2');
  await saved(app);
  await click(app, 'wizard-continue');
  await onPage(app, 'delivery');
  await click(app, 'option-result_delivery-office');
  await saved(app);
  await click(app, 'wizard-continue');

  // Check answers: everything typed is there, with change links.
  await click(app, 'task-check');
  await textOf(app, 'check-title');
  assert.equal(await textOf(app, 'answer-child_name'), 'Tran Minh An');
  assert.equal(await textOf(app, 'answer-declarant_phone'), '0912345678');
  assert.equal(await textOf(app, 'answer-father_known'), 'Không');
  await screenshot(app, 'dossier-check-vi.png');

  // The papers are still missing, so it cannot be ready yet: "ready" is not
  // offered, and the notice says what is missing.
  assert.match(await textOf(app, 'check-incomplete'), /giấy tờ/);
  assert.equal((await app.$$('[data-testid="mark-ready"]')).length, 0);

  // Attach the birth certificate as a photo file; the other papers are the
  // form itself or come from the national databases.
  await click(app, 'wizard-back');
  await textOf(app, 'task-list');
  await click(app, 'task-documents');
  await textOf(app, 'documents-title');
  assert.equal(await (await app.$('[data-testid="document-1"]')).getAttribute('data-status'), 'missing');
  const photo = join(data, 'giay-chung-sinh.png');
  writeFileSync(photo, Buffer.from(PNG, 'base64'));
  const input = await app.$('[data-testid="attach-file-1"]');
  await input.setValue(photo);
  await app.waitUntil(async () => (await (await app.$('[data-testid="document-1"]')).getAttribute('data-status')) === 'attached', {
    timeout: 20_000,
    timeoutMsg: 'the photo was not attached',
  });
  await screenshot(app, 'dossier-documents-vi.png');
  await click(app, 'documents-continue');
  await click(app, 'mark-ready');
  await textOf(app, 'dossier-ready');
  await waitForText(app, 'wizard-state', 'Sẵn sàng nộp');
  await click(app, 'print-checklist');
  assert.match(await textOf(app, 'checklist-saved'), /checklist-GC-KHAISINH-.*\.pdf/);

  // The CLI sees the same dossier, prefilled and answered.
  const list = JSON.parse(cli(data, 'dossier', 'list', '--json'));
  assert.equal(list.length, 1);
  const shown = JSON.parse(cli(data, 'dossier', 'show', list[0].id, '--json'));
  assert.equal(shown.answers.values.child_name, 'Tran Minh An');
  assert.equal(shown.position, 'check');
  assert.equal(shown.state, 'ready');
  assert.equal(shown.documents[1].attachments[0].mime, 'image/jpeg');

  // Send it with no connection: it waits in the outbox, politely.
  await click(app, 'queue-dossier');
  await waitForText(app, 'wizard-state', 'Chờ gửi');
  // A confirmation says what happens next, and has the focus.
  assert.match(await textOf(app, 'queued-panel'), /tự gửi hồ sơ lên cổng/);
  assert.equal(await app.execute(() => document.activeElement?.closest('[data-testid="queued-panel"]') !== null), true);
  await screenshot(app, 'dossier-queued-vi.png');
  await click(app, 'nav-queue');
  await textOf(app, 'queue-open');
  await app.waitUntil(async () => /Chưa kết nối|Mạng chậm/.test(await textOf(app, 'queue-error').catch(() => '')), {
    timeout: 20_000,
    timeoutMsg: 'no plain-words error for the offline attempt',
  });
  await screenshot(app, 'queue-offline-vi.png');

  // The portal comes up (its office moves dossiers on every 3 s):
  // sent once, and its status comes back.
  await startPortal(t, portalPort, ['--advance-every', '3']);
  await click(app, 'send-now');
  await click(app, 'nav-dossiers');
  await (await app.$('[data-testid="dossier-state"]')).selectByAttribute('value', 'sent');
  await waitForListed(app, /2 – Được tiếp nhận/, 'the dossier did not reach 2 – Được tiếp nhận');
  await screenshot(app, 'dossier-received-vi.png');

  // The office asks for a supplement: the alert shows wherever the volunteer
  // is, the dossier reopens with the office's note, and is sent again.
  const code = JSON.parse(cli(data, 'dossier', 'list', '--json'))[0].portal_code;
  const asked = await fetch(`http://127.0.0.1:${portalPort}/v1/admin/dossiers/${code}/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ TrangThaiHoSo: 5, NoiDung: 'Giấy chứng sinh chụp bị mờ, chụp lại' }),
  });
  assert.equal(asked.status, 204);
  await (await app.$('[data-testid="supplement-alert"]')).waitForDisplayed({ timeout: 30_000 });
  await (await app.$('[data-testid="dossier-state"]')).selectByAttribute('value', 'open');
  await click(app, 'dossier-item');
  assert.match(await textOf(app, 'supplement-request'), /chụp bị mờ/);
  await screenshot(app, 'dossier-supplement-vi.png');
  await app.execute((id) => { window.location.hash = `#/dossier/${id}/check`; }, shown.id);
  await click(app, 'mark-ready');
  await click(app, 'queue-dossier');
  await click(app, 'nav-dossiers');
  await (await app.$('[data-testid="dossier-state"]')).selectByAttribute('value', 'sent');
  await waitForListed(app, /4 – Đang xử lý|9 – Đã xử lý xong|10 – Đã trả kết quả/, 'the supplement did not reach the portal');
  // One dossier at the portal, under the same code.
  const atPortal = await (await fetch(`http://127.0.0.1:${portalPort}/v1/admin/dossiers`)).json();
  assert.equal(atPortal.length, 1);
  assert.equal(atPortal[0][0], code);
});

test('LLTP: Phiếu số 2 asked for by someone else is refused in words, the answer kept', async (t) => {
  const data = tempDataDir(t);
  cli(data, 'demo', 'seed', '--citizens', '6', '--seed', '7');
  const agreed = (c) => c.consents.some((k) => k.purpose === 'dossiers' && k.granted && !k.withdrawn_at);
  const citizen = JSON.parse(cli(data, 'citizen', 'list', '--json')).find(agreed);
  assert.ok(citizen, 'the seed has a citizen who agreed to dossiers');
  const driver = await startDriver(t);
  const app = await openApp(t, driver, data);
  const search = await app.$('[data-testid="catalog-query"]');
  await search.waitForDisplayed({ timeout: 15_000 });
  await search.setValue('ly lich tu phap');
  const hit = await app.$('[data-testid="catalog-hit"][data-code="GC-LLTP"]');
  await hit.waitForClickable({ timeout: 15_000 });
  await hit.click();
  await typeInto(app, 'start-citizen', citizen.cccd.slice(3, 9));
  await click(app, 'start-pick');
  await click(app, 'start-dossier-button');
  await click(app, 'task-request');
  await onPage(app, 'certificate_type');
  await click(app, 'option-requester-authorised');
  await saved(app);
  await click(app, 'option-certificate_type-no2');
  await saved(app);
  await click(app, 'wizard-continue');
  assert.match(await textOf(app, 'error-certificate_type'), /Không chọn được phương án này/);
  await screenshot(app, 'dossier-lltp-no2-refused-vi.png');
  // The person asks themself: the same answer is accepted.
  await click(app, 'option-requester-self');
  await saved(app);
  await click(app, 'wizard-continue');
  await app.waitUntil(async () => !(await app.$('[data-testid="error-certificate_type"]').isExisting()), {
    timeout: 15_000,
    timeoutMsg: 'the refusal stayed after the person asked themself',
  });
});
