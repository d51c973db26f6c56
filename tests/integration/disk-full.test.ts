import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, initialisedDir, invoke, newApp, signIn } from '../support/fixtures';
import { smallDisk, type SmallDisk } from '../support/tmpfs';

/** Writes until the file system refuses: the disk is then really full. */
function fill(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 7);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // ENOSPC: full. Single bytes fill the last partial block.
    try {
      for (;;) writeSync(fd, chunk.subarray(0, 1));
    } catch {
      /* full */
    }
  } finally {
    closeSync(fd);
  }
}

describe('a full disk is not a damaged database', () => {
  let disk: SmallDisk;
  let data: string;
  beforeEach(() => {
    disk = smallDisk(4096);
    data = join(disk.dir, 'data');
    initialisedDir(data);
  });
  afterEach(() => disk.cleanup());

  it('opening on a full disk says 磁盘已满, never 请从备份恢复; with space again it opens', async () => {
    const filler = join(disk.dir, 'filler.bin');
    fill(filler);
    const t = newApp(data);
    const r = await invoke(t, 'w', 'session.login', { username: ADMIN.username, password: ADMIN.password });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('DB_DISK_FULL');
    expect(r.error.message).toContain('磁盘已满');
    expect(r.error.message).not.toContain('请从备份恢复');
    rmSync(filler);
    await signIn(t, 'w');
    t.app.close();
  });

  it('a write on a full disk says 磁盘已满 and changes nothing; after clearing space it succeeds', async () => {
    const t = newApp(data);
    await signIn(t, 'w');
    const filler = join(disk.dir, 'filler.bin');
    fill(filler);
    let code = '';
    // The WAL may take a few small writes before a page no longer fits.
    for (let i = 0; i < 200 && code === ''; i++) {
      const r = await invoke(t, 'w', 'user.add', {
        username: `u${String(i)}`,
        displayName: `用户${String(i)}`.padEnd(30, '甲'),
        roles: ['clerk'],
        password: 'user-password-1',
      });
      if (!r.ok) {
        code = r.error.code;
        expect(r.error.message).not.toContain('请从备份恢复');
      }
    }
    expect(code).toBe('DB_DISK_FULL');
    const users = await invoke(t, 'w', 'user.list', {});
    expect(users.ok).toBe(true);
    rmSync(filler);
    const again = await invoke(t, 'w', 'user.add', {
      username: 'after',
      displayName: '清理之后',
      roles: ['clerk'],
      password: 'user-password-1',
    });
    expect(again.ok).toBe(true);
    const integrity = t.app.currentStore()?.raw.pragma('integrity_check', { simple: true });
    expect(integrity).toBe('ok');
    t.app.close();
  });
});
