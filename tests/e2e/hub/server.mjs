// A team hub for tests: a throwaway PostgreSQL cluster and `gocua-hub serve`
// on loopback, both started here and stopped when the test ends.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../harness.mjs';

const targetDir = process.env.CARGO_TARGET_DIR ?? join(repoRoot, 'target');
export const hubBinary = join(targetDir, 'debug', 'gocua-hub');
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const isRoot = process.getuid?.() === 0;

function pgBin() {
  for (const v of ['17', '16', '15']) {
    const dir = `/usr/lib/postgresql/${v}/bin`;
    try {
      execFileSync(`${dir}/initdb`, ['--version'], { stdio: 'ignore' });
      return dir;
    } catch {}
  }
  throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
}

/** Runs a PostgreSQL tool, as the postgres user when we are root. */
function pg(tool, args) {
  const bin = `${pgBin()}/${tool}`;
  return isRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe' })
    : execFileSync(bin, args, { stdio: 'pipe' });
}

/** A throwaway cluster on `port` with an empty database `hub`; its connection string. */
export async function startPostgres(t, port) {
  const dir = mkdtempSync(join(tmpdir(), 'gocua-hub-pg-'));
  if (isRoot) execFileSync('chown', ['postgres', dir]);
  const data = join(dir, 'db');
  pg('initdb', ['-D', data, '-A', 'trust', '-U', 'gocua', '-E', 'UTF8', '--no-sync']);
  pg('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', join(dir, 'log'), '-w', 'start']);
  t.after(() => {
    try {
      pg('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  });
  execFileSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'gocua', '-d', 'postgres', '-qc', 'CREATE DATABASE hub']);
  return `host=127.0.0.1 port=${port} user=gocua dbname=hub`;
}

/** Runs a `gocua-hub` command with `env`; its output. */
export function hub(env, args) {
  return execFileSync(hubBinary, args, { env: { ...process.env, ...env }, encoding: 'utf8' }).trim();
}

async function waitFor(url, child) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`the hub exited with ${child.exitCode}`);
    try {
      execFileSync('curl', ['-skf', url], { stdio: 'ignore' });
      return;
    } catch {}
    await sleep(100);
  }
  throw new Error(`${url} did not answer`);
}

/**
 * PostgreSQL and a hub serving on `hubPort`, migrated, with a province's
 * set-up link: `{ env, base, setup }` (`env` for `hub(env, …)`).
 */
export async function startHub(t, pgPort, hubPort, { province = '01' } = {}) {
  const db = await startPostgres(t, pgPort);
  const base = `https://127.0.0.1:${hubPort}`;
  const env = { DATABASE_URL: db, GOCUA_HUB_PUBLIC_URL: base };
  hub(env, ['migrate']);
  const setup = hub(env, ['setup-link', '--province', province]);
  const dataDir = mkdtempSync(join(tmpdir(), 'gocua-hub-data-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  env.GOCUA_HUB_DATA_DIR = dataDir;
  const server = spawn(hubBinary, ['serve', '--listen', `127.0.0.1:${hubPort}`], {
    env: { ...process.env, ...env, RUST_LOG: 'warn' },
    stdio: 'inherit',
  });
  t.after(() => server.kill('SIGTERM'));
  await waitFor(`${base}/healthz`, server);
  return { env, base, setup, cert: join(dataDir, 'hub-cert.pem') };
}
