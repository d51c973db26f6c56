import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupIfDue } from '../../electron/services/backup/service';
import { ADMIN, initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { tempDir } from '../support/tmp';

function damage(path: string): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 4096);
  closeSync(fd);
}

describe('restore when nobody can sign in', () => {
  let tmp: ReturnType<typeof tempDir>;
  let recoveryCode: string;
  let backupId: string;
  beforeEach(async () => {
    tmp = tempDir();
    ({ recoveryCode } = initialisedDir(tmp.dir, {
      users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }],
    }));
    const t = newApp(tmp.dir);
    await signIn(t, 'w');
    backupId = `daily/${String(backupIfDue(t.app, 'daily')?.daily?.split('/')[1])}`;
    t.app.close();
  });
  afterEach(() => tmp.cleanup());

  async function code(t: TestApp, input: Record<string, unknown>): Promise<string> {
    const r = await t.dispatch({ key: 'x' }, 'backup.rescue', input);
    return r.ok ? 'ok' : r.error.code;
  }

  it('a damaged database: listed backups, restored with the recovery code, then sign-in works', async () => {
    const t = newApp(tmp.dir);
    damage(t.paths.db);
    const login = await invoke(t, 'x', 'session.login', { username: ADMIN.username, password: ADMIN.password });
    expect(!login.ok && login.error.code).toBe('DB_CORRUPT');
    const list = await invoke(t, 'x', 'backup.rescueList', {});
    expect(list.ok && list.value.map((b) => b.id)).toContain(backupId);
    expect(await code(t, { id: backupId, recoveryCode: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH' })).toBe(
      'WRONG_RECOVERY_CODE',
    );
    expect(await code(t, { id: backupId, recoveryCode: recoveryCode.toLowerCase() })).toBe('ok');
    await signIn(t, 'w');
    const actions = t.app.currentStore()?.raw.prepare('SELECT action FROM audit_log').pluck().all();
    expect(actions).toContain('backup.restore');
    // Once open, the rescue path is closed: a signed-in administrator uses 数据备份.
    expect(await code(t, { id: backupId, recoveryCode })).toBe('FORBIDDEN');
    t.app.close();
  });

  it('a missing keyring: an administrator of the backup restores with their password there; a clerk cannot', async () => {
    const t = newApp(tmp.dir);
    rmSync(t.paths.keyFile);
    expect(await code(t, { id: backupId, username: 'li', password: PASSWORD })).toBe('FORBIDDEN');
    expect(await code(t, { id: backupId, username: ADMIN.username, password: 'not-the-password' })).toBe(
      'WRONG_PASSWORD',
    );
    expect(await code(t, { id: backupId, username: ADMIN.username, password: ADMIN.password })).toBe('ok');
    await signIn(t, 'w');
    t.app.close();
  });

  it('refuses an input naming both ways or neither', async () => {
    const t = newApp(tmp.dir);
    expect(await code(t, { id: backupId })).toBe('INVALID_INPUT');
    expect(await code(t, { id: backupId, recoveryCode, username: 'admin', password: 'x' })).toBe('INVALID_INPUT');
    t.app.close();
  });
});
