import { describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));

import { commands, IpcError, toIpcError } from './index';

describe('toIpcError', () => {
  it('keeps the code and translated message of an ErrorDto', () => {
    const e = toIpcError({ code: 'invalid_portal_url', message: 'không hợp lệ' });
    expect(e).toBeInstanceOf(IpcError);
    expect(e.code).toBe('invalid_portal_url');
    expect(e.message).toBe('không hợp lệ');
  });

  it('turns anything else into an internal error', () => {
    expect(toIpcError('command not found').code).toBe('internal');
    expect(toIpcError(new Error('boom')).message).toBe('boom');
  });
});

describe('commands', () => {
  it('sends every command through the one Tauri command with its request', async () => {
    const calls: [string, unknown][] = [];
    const api = commands(async <T>(cmd: string, args?: Record<string, unknown>) => {
      calls.push([cmd, args]);
      return {} as T;
    });
    await api.setLanguage({ language: 'en' });
    await api.probePortal();
    expect(calls).toEqual([
      ['call', { command: 'set_language', req: { language: 'en' } }],
      ['call', { command: 'probe_portal', req: null }],
    ]);
  });

  it('rejects with IpcError', async () => {
    const api = commands(async () => {
      throw { code: 'invalid_language', message: 'x' };
    });
    await expect(api.setLanguage({ language: 'fr' })).rejects.toMatchObject({ code: 'invalid_language' });
  });
});
