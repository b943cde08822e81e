// The team hub's web dashboard in a real browser (Debian's Chromium through
// chromedriver): a province's first admin sets up with the one-time link,
// adds a team and its lead; the lead signs in (a wrong password is refused,
// five lock the account), makes an enrolment code, a laptop (the real
// `gocua` CLI) joins with it and syncs, and the lead sees the laptop and the
// team's figures — in Vietnamese and English, every page checked by axe.
// PostgreSQL is a throwaway cluster this test starts and stops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import https from 'node:https';
import { join } from 'node:path';
import { remote } from 'webdriverio';
import { artifacts, assertAccessible, freePorts, repoRoot } from '../harness.mjs';
import { hub, sleep, startHub } from './server.mjs';

const targetDir = process.env.CARGO_TARGET_DIR ?? join(repoRoot, 'target');
const cliBinary = join(targetDir, 'debug', 'gocua');

async function startBrowser(t, port) {
  const driver = spawn('/usr/bin/chromedriver', [`--port=${port}`], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      execFileSync('curl', ['-sf', `http://127.0.0.1:${port}/status`], { stdio: 'ignore' });
      break;
    } catch {}
    await sleep(100);
  }
  const browser = await remote({
    hostname: '127.0.0.1',
    port,
    logLevel: 'error',
    capabilities: {
      browserName: 'chrome',
      acceptInsecureCerts: true,
      'goog:chromeOptions': {
        binary: '/usr/bin/chromium',
        args: ['--headless=new', '--no-sandbox', '--window-size=1280,1000', '--lang=vi'],
      },
    },
  });
  t.after(async () => {
    await browser.deleteSession().catch(() => {});
    driver.kill();
  });
  return browser;
}

async function fill(browser, id, value) {
  const el = await browser.$(`#${id}`);
  await el.waitForDisplayed();
  await el.setValue(value);
}

async function submit(browser, testid) {
  const el = await browser.$(`[data-testid="${testid}"]`);
  await el.waitForClickable();
  await el.click();
}

async function check(browser, name) {
  await browser.saveScreenshot(join(artifacts, name));
  await assertAccessible(browser, name);
}

/** Signs in, and waits for the answer: the dashboard, or the form again with its error. */
async function login(browser, base, user, password) {
  await browser.url(`${base}/login`);
  await fill(browser, 'login', user);
  await fill(browser, 'password', password);
  await submit(browser, 'login-submit');
  await browser.waitUntil(
    async () => !(await browser.getUrl()).endsWith('/login') || (await browser.$('[data-testid="login-error"]').isExisting()),
    { timeout: 15_000, timeoutMsg: `signing in as ${user} got no answer` },
  );
}

/** Signs out, and waits for the sign-in page. */
async function logout(browser) {
  await (await browser.$('header button')).click();
  await browser.waitUntil(async () => (await browser.getUrl()).endsWith('/login'), { timeout: 15_000 });
}

test('the dashboard: set-up, a team and its lead, a laptop joins and syncs, the lead sees it', async (t) => {
  const [pgPort, hubPort, driverPort] = await freePorts(3);
  const { env, base, setup } = await startHub(t, pgPort, hubPort, { province: '01' });
  const laptopFiles = mkdtempSync(join(tmpdir(), 'gocua-hub-files-'));
  t.after(() => rmSync(laptopFiles, { recursive: true, force: true }));

  const browser = await startBrowser(t, driverPort);

  // The province's first admin.
  await browser.url(setup);
  await check(browser, 'hub-setup-vi.png');
  await fill(browser, 'name', 'Nguyễn Văn Tỉnh');
  await fill(browser, 'login', 'admin01');
  await fill(browser, 'password', 'mat-khau-rat-dai-1');
  await fill(browser, 'password2', 'mat-khau-khac-han-2');
  await submit(browser, 'setup-submit');
  assert.match(await (await browser.$('[data-testid="setup-error"]')).getText(), /không giống nhau/);
  assert.equal(await (await browser.$('#login')).getValue(), 'admin01', 'what was typed stays');
  await fill(browser, 'password', 'mat-khau-rat-dai-1');
  await fill(browser, 'password2', 'mat-khau-rat-dai-1');
  await submit(browser, 'setup-submit');
  await browser.waitUntil(async () => (await browser.getUrl()).endsWith('/login'), { timeout: 15_000 });
  // The link works once.
  await browser.url(setup);
  assert.match(await (await browser.$('main')).getText(), /đã được dùng hoặc đã hết hạn/);

  await login(browser, base, 'admin01', 'mat-khau-rat-dai-1');
  assert.match(await (await browser.$('[data-testid="scope"]')).getText(), /tỉnh\/thành phố mã 01/);
  await check(browser, 'hub-province-vi.png');

  // A team and its lead.
  await fill(browser, 'team-name', 'Tổ CNS thôn Đông');
  await fill(browser, 'team-commune', '00004');
  await fill(browser, 'lead-name', 'Trần Thị Lan');
  await fill(browser, 'lead-login', 'lan.tran');
  await fill(browser, 'lead-password', 'lan-mat-khau-dai');
  await submit(browser, 'team-submit');
  assert.match(await (await browser.$('[data-testid="team-created"]')).getText(), /Tổ CNS thôn Đông/);
  // A lead's login already taken: neither the team nor the account is made.
  await browser.url(`${base}/`);
  await fill(browser, 'team-name', 'Tổ thừa');
  await fill(browser, 'lead-name', 'Người khác');
  await fill(browser, 'lead-login', 'lan.tran');
  await fill(browser, 'lead-password', 'mat-khau-khac-dai');
  await submit(browser, 'team-submit');
  assert.match(await (await browser.$('[data-testid="team-error"]')).getText(), /đã có người dùng/);
  await browser.url(`${base}/`);
  const teamsNow = await (await browser.$('[data-testid="teams"]')).getText();
  assert.match(teamsNow, /Tổ CNS thôn Đông/);
  assert.doesNotMatch(teamsNow, /Tổ thừa/);
  // A commune officer for the team's commune.
  await browser.url(`${base}/`);
  await fill(browser, 'officer-commune', '00004');
  await fill(browser, 'officer-name', 'Lê Văn Xã');
  await fill(browser, 'officer-login', 'xa00004');
  await fill(browser, 'officer-password', 'can-bo-mat-khau-dai');
  await submit(browser, 'officer-submit');
  assert.match(await (await browser.$('[data-testid="officer-created"]')).getText(), /00004/);
  // The province publishes a corrected catalogue pack; the same version twice
  // and a pack offered as guides are refused, in words.
  const pack = JSON.parse(readFileSync(join(repoRoot, 'data/catalogue/vn-national.json'), 'utf8'));
  // The province's own pack: its key signs nothing else (not the national one).
  pack.pack_id = 'vn-01';
  pack.version = 2;
  const packFile = join(laptopFiles, 'tinh-01.json');
  writeFileSync(packFile, JSON.stringify(pack));
  const upload = async (kind, file) => {
    await browser.url(`${base}/`);
    await (await browser.$(`#publish-${kind}`)).setValue(file);
    await submit(browser, `publish-${kind}-submit`);
    await (await browser.$('[data-testid="publish-done"], [data-testid="publish-error"]')).waitForDisplayed({ timeout: 15_000 });
  };
  await upload('catalogue', packFile);
  assert.match(await (await browser.$('[data-testid="publish-done"]')).getText(), new RegExp(`phiên bản ${pack.version}`));
  await check(browser, 'hub-publish-vi.png');
  await upload('catalogue', packFile);
  assert.match(await (await browser.$('[data-testid="publish-error"]')).getText(), /đã được phát hành/);
  await upload('guides', packFile);
  assert.match(await (await browser.$('[data-testid="publish-error"]')).getText(), /không phải tệp hướng dẫn hợp lệ/);
  await logout(browser);

  // The lead: a wrong password is refused, then the right one.
  await login(browser, base, 'lan.tran', 'sai-mat-khau-roi');
  assert.match(await (await browser.$('[data-testid="login-error"]')).getText(), /không đúng/);
  await check(browser, 'hub-login-error-vi.png');
  await login(browser, base, 'lan.tran', 'lan-mat-khau-dai');
  assert.match(await (await browser.$('[data-testid="scope"]')).getText(), /Tổ CNS thôn Đông/);

  // The team's roster: a name left empty is refused; two members are added.
  await submit(browser, 'roster-add');
  assert.match(await (await browser.$('[data-testid="roster-error"]')).getText(), /Hãy nhập họ và tên/);
  await fill(browser, 'member-name', 'Trần Văn Minh');
  await submit(browser, 'roster-add');
  await (await browser.$('[data-testid="roster-note"]')).waitForDisplayed();
  await fill(browser, 'member-name', 'Lê Thị Hoa');
  await (await browser.$('#member-role')).selectByAttribute('value', 'lead');
  await submit(browser, 'roster-add');
  await browser.waitUntil(async () => /Lê Thị Hoa/.test(await (await browser.$('[data-testid="roster"]')).getText()), { timeout: 15_000 });
  assert.match(await (await browser.$('[data-testid="roster"]')).getText(), /Trần Văn Minh\s*Tình nguyện viên/);
  await check(browser, 'hub-roster-vi.png');

  // An enrolment code; a laptop joins with it and sends its figures.
  await submit(browser, 'enrol');
  const code = await (await browser.$('[data-testid="enrol-code"]')).getText();
  assert.match(code, /^GC1-/);
  await check(browser, 'hub-enrol-code-vi.png');
  const laptop = mkdtempSync(join(tmpdir(), 'gocua-laptop-'));
  t.after(() => rmSync(laptop, { recursive: true, force: true }));
  const cliEnv = { ...process.env, GOCUA_DATA_DIR: laptop, GOCUA_PASSPHRASE: 'e2e-laptop-passphrase' };
  execFileSync(cliBinary, ['demo', 'seed', '--citizens', '30', '--dossiers', '40'], { env: cliEnv, stdio: 'ignore' });
  execFileSync(cliBinary, ['hub', 'join', code, '--name', 'Máy của Lan'], { env: cliEnv, stdio: 'ignore' });
  const synced = JSON.parse(execFileSync(cliBinary, ['--json', 'hub', 'sync'], { env: cliEnv, encoding: 'utf8' }));
  assert.equal(synced.catalogue_installed, 1, 'the province pack reached the laptop');
  // The laptop got the roster, signed by the province.
  const roster = JSON.parse(execFileSync(cliBinary, ['--json', 'hub', 'roster'], { env: cliEnv, encoding: 'utf8' }));
  assert.deepEqual(roster.members, [{ name: 'Lê Thị Hoa', role: 'lead' }, { name: 'Trần Văn Minh', role: 'volunteer' }]);
  // Last month: the demo spreads its visits over the three months before today.
  const now = new Date();
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
  const month = `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, '0')}`;
  const report = JSON.parse(execFileSync(cliBinary, ['--json', 'report', '--month', month], { env: cliEnv, encoding: 'utf8' }));
  assert.ok(report.visits > 0, `the demo laptop has visits in ${month}`);

  await browser.url(`${base}/?month=${month}`);
  const laptops = await (await browser.$('[data-testid="laptops"]')).getText();
  assert.match(laptops, /Máy của Lan/);
  const tiles = await (await browser.$('[data-testid="tiles"]')).getText();
  assert.match(tiles, new RegExp(`${report.visits}\\s*Lượt hỗ trợ`), `the laptop's ${report.visits} visits this month`);
  await check(browser, 'hub-team-vi.png');
  // The same month as a range of days gives the same figures.
  const lastDay = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + 1, 0)).getUTCDate();
  await browser.url(`${base}/?from=${month}-01&to=${month}-${String(lastDay).padStart(2, '0')}`);
  assert.match(await (await browser.$('[data-testid="range"]')).getText(), new RegExp(`01/${month.slice(5)}/${month.slice(0, 4)}`));
  assert.match(await (await browser.$('[data-testid="tiles"]')).getText(), new RegExp(`${report.visits}\\s*Lượt hỗ trợ`));
  await check(browser, 'hub-team-range-vi.png');
  await browser.url(`${base}/?month=${month}`);
  // The month as a printable PDF (the lead's session; the app's font embedded).
  const cookie = (await browser.getCookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const [pdfType, pdfMagic, pdfSize] = await new Promise((resolve, reject) => {
    https
      .get(`${base}/export?month=${month}&format=pdf`, { headers: { cookie }, rejectUnauthorized: false }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const b = Buffer.concat(chunks);
          resolve([res.headers['content-type'], b.subarray(0, 4).toString('latin1'), b.length]);
        });
      })
      .on('error', reject);
  });
  assert.equal(pdfType, 'application/pdf');
  assert.equal(pdfMagic, '%PDF');
  assert.ok(pdfSize > 100_000, `a PDF with its font (${pdfSize} bytes)`);

  // The commune officer sees the commune's team and its month.
  await logout(browser);
  await login(browser, base, 'xa00004', 'can-bo-mat-khau-dai');
  await browser.url(`${base}/?month=${month}`);
  assert.match(await (await browser.$('[data-testid="scope"]')).getText(), /xã\/phường mã 00004/);
  const teams = await (await browser.$('[data-testid="teams"]')).getText();
  assert.match(teams, /Tổ CNS thôn Đông/);
  await check(browser, 'hub-commune-vi.png');
  await logout(browser);
  await login(browser, base, 'lan.tran', 'lan-mat-khau-dai');

  // English.
  await browser.url(`${base}/lang/en`);
  assert.equal(await (await browser.$('h1')).getText(), "The team's figures");
  assert.equal(await (await browser.$('html')).getAttribute('lang'), 'en');
  await check(browser, 'hub-team-en.png');

  // Five wrong passwords lock the account, the right one included.
  await logout(browser);
  for (let i = 0; i < 5; i++) await login(browser, base, 'lan.tran', `wrong-password-${i}`);
  await login(browser, base, 'lan.tran', 'lan-mat-khau-dai');
  assert.match(await (await browser.$('[data-testid="login-error"]')).getText(), /locked for 15 minutes/);
});
