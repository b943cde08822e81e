// Harness for end-to-end tests of the real Gõ Cửa window.
//
// Each test starts its own tauri-driver (which starts WebKitWebDriver, which
// starts the app binary), its own temporary data directory and, when it needs
// one, its own sandbox portal on a free loopback port. Everything is stopped
// in `t.after`, so a failing test leaves no process behind.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const targetDir = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(repoRoot, 'target');
export const appBinary = process.env.GOCUA_E2E_APP ?? join(targetDir, 'debug', 'gocua-desktop');
export const portalBinary = join(targetDir, 'debug', 'gocua-portal');
export const cliBinary = join(targetDir, 'debug', 'gocua');
export const artifacts = join(repoRoot, 'tests', 'e2e', 'artifacts');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * `n` distinct TCP ports that were free a moment ago. All are held open until
 * every one is chosen, so the OS cannot hand out the same port twice.
 */
export async function freePorts(n) {
  const servers = [];
  try {
    for (let i = 0; i < n; i++) {
      servers.push(
        await new Promise((ok, fail) => {
          const srv = createServer();
          srv.on('error', fail);
          srv.listen(0, '127.0.0.1', () => ok(srv));
        }),
      );
    }
    return servers.map((srv) => srv.address().port);
  } finally {
    await Promise.all(servers.map((srv) => new Promise((ok) => srv.close(() => ok()))));
  }
}

/** A TCP port that was free a moment ago. */
export async function freePort() {
  return (await freePorts(1))[0];
}

async function waitForPort(port, child, what, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what} exited early with code ${child.exitCode}`);
    const up = await new Promise((ok) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), ok(true)));
      s.once('error', () => ok(false));
    });
    if (up) return;
    await sleep(100);
  }
  throw new Error(`${what} did not listen on ${port} within ${timeoutMs} ms`);
}

/** Stops a child started with `detached: true`, with everything it started. */
function stopGroup(child) {
  return new Promise((ok) => {
    const kill = (sig) => {
      try {
        process.kill(-child.pid, sig);
      } catch {
        /* already gone */
      }
    };
    if (child.exitCode !== null || child.signalCode !== null) {
      kill('SIGKILL'); // the leader is gone, its group may not be
      return ok();
    }
    child.once('exit', () => {
      kill('SIGKILL');
      ok();
    });
    kill('SIGTERM');
    setTimeout(() => kill('SIGKILL'), 3000).unref();
  });
}

/**
 * Clean-ups of one test, run last-in first-out when it ends (the session
 * before the driver it runs on, the driver before the data directory).
 */
const stacks = new WeakMap();
function defer(t, fn) {
  let stack = stacks.get(t);
  if (!stack) {
    stack = [];
    stacks.set(t, stack);
    t.after(async () => {
      while (stack.length) await stack.pop()();
    });
  }
  stack.push(fn);
}

/** A fresh, empty data directory, removed when the test ends. */
export function tempDataDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'gocua-e2e-'));
  defer(t, () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The passphrase the apps under test protect their database key with: the
 * documented fallback for machines without an OS keyring, so the tests do not
 * depend on whether the machine has one.
 */
export const TEST_PASSPHRASE = 'kiểm thử e2e đủ dài';

/** Starts tauri-driver; `env` reaches the app it launches. */
export async function startDriver(t, env = {}) {
  if (!existsSync(appBinary)) throw new Error(`app binary missing: ${appBinary} (build it first)`);
  const [port, nativePort] = await freePorts(2);
  const child = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    // NO_AT_BRIDGE: no accessibility bus per test run (it outlives the app).
    env: { ...process.env, NO_AT_BRIDGE: '1', GOCUA_PASSPHRASE: TEST_PASSPHRASE, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true, // its own process group: stopping it stops WebKitWebDriver and the app too
  });
  defer(t, () => stopGroup(child));
  await waitForPort(port, child, 'tauri-driver');
  // tauri-driver proxies to WebKitWebDriver on the native port; a session
  // requested before that one listens fails with a dropped connection.
  await waitForPort(nativePort, child, 'WebKitWebDriver');
  return { port };
}

/** Retries once when the driver drops the connection while starting up. */
async function withRetry(start) {
  try {
    return await start();
  } catch (e) {
    if (!String(e?.message ?? e).includes('UND_ERR_SOCKET')) throw e;
    await sleep(1000);
    return start();
  }
}

/** Opens the app window on `dataDir`; the session is closed when the test ends. */
/** The team lead every test's new installation starts with (set up in the window). */
export const LEAD = { name: 'Lan', pin: '480916' };

/**
 * Opens the app on `dataDir`. A new installation first asks for its team
 * lead, and a known one starts locked: unless `signIn` is false, the lead
 * is set up (or signed in) through the window, as a user would.
 */
export async function openApp(t, driver, dataDir, { signIn = true } = {}) {
  const app = await launchApp(t, driver, dataDir);
  if (signIn) await signInAsLead(app);
  return app;
}

/** Sets up the first lead, or unlocks as the lead, whichever the window asks. */
export async function signInAsLead(app) {
  const seen = async () => {
    for (const id of ['first-lead-screen', 'lock-screen', 'error-banner', 'operator-name']) {
      if (await app.$(`[data-testid="${id}"]`).isExisting()) return id;
    }
    return null;
  };
  let screen = null;
  await app.waitUntil(async () => (screen = await seen()) !== null, { timeout: 20_000 }).catch(() => {});
  if (screen === 'first-lead-screen') {
    await app.$('[data-testid="first-lead-name"]').setValue(LEAD.name);
    await app.$('[data-testid="first-lead-pin"]').setValue(LEAD.pin);
    await app.$('[data-testid="first-lead-pin-again"]').setValue(LEAD.pin);
    await app.$('[data-testid="first-lead-submit"]').click();
  } else if (screen === 'lock-screen') {
    await app.waitUntil(async () => (await app.$('[data-testid="pin-name"]').getValue()) === LEAD.name, { timeout: 5000 });
    await app.$('[data-testid="pin-input"]').setValue(LEAD.pin);
    await app.$('[data-testid="pin-submit"]').click();
  } else {
    return;
  }
  await (await app.$('[data-testid="operator-name"]')).waitForDisplayed({ timeout: 10_000 });
}

async function launchApp(t, driver, dataDir) {
  const browser = await withRetry(() => remote({
    hostname: '127.0.0.1',
    port: driver.port,
    logLevel: 'warn',
    connectionRetryCount: 0,
    capabilities: {
      browserName: 'wry',
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application: appBinary, args: ['--data-dir', dataDir] },
    },
  }));
  let open = true;
  const close = async () => {
    if (open) {
      open = false;
      await browser.deleteSession().catch(() => {});
    }
  };
  defer(t, close);
  browser.close = close;
  return browser;
}

/** Starts the sandbox portal on `port` (extra command-line `args`, e.g. `--advance-every 1`). */
export async function startPortal(t, port, args = []) {
  const child = spawn(portalBinary, ['--listen', `127.0.0.1:${port}`, ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  defer(t, () => stopGroup(child));
  await waitForPort(port, child, 'gocua-portal');
  return { stop: () => stopGroup(child) };
}

/** Runs the `gocua` CLI on `dataDir` (same passphrase as the app) and returns its output. */
export function cli(dataDir, ...args) {
  return execFileSync(cliBinary, ['--data-dir', dataDir, ...args], {
    env: { ...process.env, GOCUA_PASSPHRASE: TEST_PASSPHRASE },
    encoding: 'utf8',
  });
}

/** Types into the element (replacing its value) and lets the autosave answer. */
export async function typeInto(browser, testid, text) {
  const el = await browser.$(`[data-testid="${testid}"]`);
  await el.waitForDisplayed({ timeout: 15_000 });
  await el.setValue(text);
}

/**
 * Text of the element once it is displayed. A page that re-renders between
 * finding the element and reading it (Svelte replacing a node) is read
 * again: a stale node is not the app's failure.
 */
export async function textOf(browser, testid) {
  for (let attempt = 0; ; attempt++) {
    try {
      const el = await browser.$(`[data-testid="${testid}"]`);
      await el.waitForDisplayed({ timeout: 15_000 });
      return await el.getText();
    } catch (e) {
      if (attempt >= 3 || !/stale element/i.test(String(e?.message ?? e))) throw e;
    }
  }
}

/** Waits until the element's text equals `want`; fails with what it saw. */
export async function waitForText(browser, testid, want, timeout = 15_000) {
  let last;
  try {
    await browser.waitUntil(
      async () => {
        last = await textOf(browser, testid);
        return last === want;
      },
      { timeout, interval: 200 },
    );
  } catch {
    throw new Error(`[data-testid=${testid}]: want ${JSON.stringify(want)}, saw ${JSON.stringify(last)}`);
  }
}

/** Saves a screenshot under tests/e2e/artifacts/ (after a short settle for the last paint). */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG levels every screen is held to. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core (WCAG 2.0–2.2, A and AA) on the screen as it is and fails on
 * any violation, naming the rule and the elements. Injected through
 * WebDriver, so the app's content security policy does not stand in the way.
 */
export async function assertAccessible(browser, name) {
  const found = await browser.execute(
    `${axeSource}
     return window.axe
       .run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} }, resultTypes: ['violations'] })
       .then((r) => JSON.stringify(r.violations.map((v) => ({
         id: v.id, impact: v.impact, help: v.help,
         nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' — ' + (n.failureSummary || '').split(String.fromCharCode(10)).slice(1, 2).join('')),
       }))));`,
  );
  const violations = JSON.parse(found);
  if (violations.length > 0) {
    const text = violations.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n');
    throw new Error(`axe found ${violations.length} WCAG violation(s) on ${name}:\n${text}`);
  }
}

/** Saves a screenshot of the screen — and checks it for WCAG violations. */
export async function screenshot(browser, name) {
  mkdirSync(artifacts, { recursive: true });
  await sleep(800);
  await browser.saveScreenshot(join(artifacts, name));
  await assertAccessible(browser, name);
}

export async function click(browser, testid) {
  const el = await browser.$(`[data-testid="${testid}"]`);
  await el.waitForClickable({ timeout: 15_000 });
  await el.click();
}

/**
 * Types `text` then Enter the way a USB keyboard-wedge scanner does: one key
 * down/up at a time, ~10 ms apart, into whatever has focus. (WebDriver's
 * plain `keys()` merges repeated characters and drops spaces under
 * WebKitGTK, which a real scanner never does.)
 */
export async function scanLike(browser, text) {
  let actions = browser.action('key');
  for (const ch of [...text, '\uE007']) actions = actions.down(ch).pause(2).up(ch).pause(8);
  await actions.perform();
}
