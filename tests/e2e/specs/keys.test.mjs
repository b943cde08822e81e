// Encryption at rest in the real window: with neither an OS keyring nor the
// passphrase fallback, the app opens and explains — it never falls back to
// an unencrypted database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { openApp, screenshot, startDriver, tempDataDir, textOf } from '../harness.mjs';

test('no keyring and no passphrase: a translated explanation, and no database is created', async (t) => {
  const driver = await startDriver(t, {
    GOCUA_PASSPHRASE: '',
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/gocua-test-bus',
  });
  const dataDir = tempDataDir(t);
  const app = await openApp(t, driver, dataDir);
  const message = await textOf(app, 'error-banner');
  assert.match(message, /không có kho khóa của hệ điều hành/);
  assert.match(message, /GOCUA_PASSPHRASE/);
  await screenshot(app, 'no-keyring-vi.png');
  // Only the installation's id (created before any key, so the key is found
  // again however the folder is named) and the key-creation lock: no
  // database, no key file.
  assert.deepEqual(
    readdirSync(dataDir).filter((f) => !['installation-id', 'key.lock'].includes(f)),
    [],
  );
});
