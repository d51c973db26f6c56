import { linkSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataPaths } from '../../electron/db/paths';
import { isAppError } from '../../electron/errors';
import { fileError } from '../../electron/services/files/errors';
import { win32Inside } from '../../electron/services/files/guard';
import { writeOutput, writeOutputFile } from '../../electron/services/files/output';
import { ADMIN, initialisedDir, invoke, newApp, PASSWORD, signIn } from '../support/fixtures';
import { smallDisk } from '../support/tmpfs';
import { tempDir } from '../support/tmp';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

describe('files the application writes', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  let paths: ReturnType<typeof dataPaths>;
  beforeEach(() => {
    tmp = tempDir();
    data = join(tmp.dir, 'data');
    mkdirSync(data);
    paths = dataPaths(data);
    writeFileSync(paths.db, 'live database');
    writeFileSync(paths.keyFile, 'keyring');
  });
  afterEach(() => tmp.cleanup());

  it('never writes into the data directory, however the path is spelled', async () => {
    const out = join(tmp.dir, 'out');
    mkdirSync(out);
    symlinkSync(data, join(out, 'link-to-data'));
    linkSync(paths.db, join(out, 'hardlink.db'));
    const attempts = [
      paths.db,
      paths.keyFile,
      paths.logins,
      join(data, 'backups', 'x.xlsx'),
      join(data, 'new.pdf'),
      join(out, '..', 'data', 'welfare.db'),
      relative(process.cwd(), paths.keyFile),
      join(out, 'link-to-data', 'welfare.db'),
      join(out, 'link-to-data', 'fresh.csv'),
      join(out, 'hardlink.db'),
      data,
    ];
    for (const path of attempts) {
      expect(await codeOf(writeOutputFile(paths, { path, overwrite: true }, 'x')), path).toBe('TARGET_IN_DATA_DIR');
    }
    expect(readFileSync(paths.db, 'utf8')).toBe('live database');
    expect(readFileSync(paths.keyFile, 'utf8')).toBe('keyring');
    expect(await codeOf(writeOutputFile(paths, { path: join(out, 'fine.csv'), overwrite: false }, 'x'))).toBe('ok');
  });

  it('compares Windows paths case-insensitively, with \\\\?\\ and UNC forms', () => {
    const d = 'C:\\Users\\li\\AppData\\Local\\WelfareDesk\\data';
    expect(win32Inside('c:\\users\\LI\\appdata\\local\\welfaredesk\\DATA\\welfare.db', d)).toBe(true);
    expect(win32Inside('\\\\?\\C:\\Users\\li\\AppData\\Local\\WelfareDesk\\data\\welfare.keys.json', d)).toBe(true);
    expect(win32Inside('C:/Users/li/AppData/Local/WelfareDesk/data/../data/x.pdf', d)).toBe(true);
    expect(win32Inside('C:\\Users\\li\\AppData\\Local\\WelfareDesk\\data-export\\x.pdf', d)).toBe(false);
    expect(win32Inside('D:\\导出\\x.pdf', d)).toBe(false);
    const unc = '\\\\server\\share\\welfare';
    expect(win32Inside('\\\\?\\UNC\\server\\share\\WELFARE\\welfare.db', unc)).toBe(true);
    expect(win32Inside('\\\\server\\share\\other\\x.pdf', unc)).toBe(false);
  });

  it('replaces an existing file only when that was confirmed', async () => {
    const path = join(tmp.dir, 'roster.pdf');
    writeFileSync(path, 'old');
    expect(await codeOf(writeOutputFile(paths, { path, overwrite: false }, 'new'))).toBe('FILE_EXISTS');
    expect(readFileSync(path, 'utf8')).toBe('old');
    await writeOutputFile(paths, { path, overwrite: true }, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(tmp.dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });

  it('on a full disk says 磁盘已满 and leaves nothing under the target name', async () => {
    const disk = smallDisk(64);
    try {
      const path = join(disk.dir, '一卡通.csv');
      const e = await writeOutput(paths, { path, overwrite: false }, async (sink) => {
        for (let i = 0; i < 2138; i++) await sink.write(`${String(i)},张三,6217000000000000000,100.00\r\n`);
      }).catch((x: unknown) => x);
      expect(isAppError(e) && e.code).toBe('DISK_FULL');
      expect(isAppError(e) && e.message).toContain('磁盘已满');
      expect(readdirSync(disk.dir)).toEqual([]);
      // Refused before writing when the size is known and cannot fit.
      const big = Buffer.alloc(200 * 1024, 1);
      expect(await codeOf(writeOutputFile(paths, { path, overwrite: false }, big))).toBe('DISK_FULL');
      expect(readdirSync(disk.dir)).toEqual([]);
    } finally {
      disk.cleanup();
    }
  });

  it('a read-only stick says 没有写入权限; a folder that vanished says 目录不存在; nothing is left', async () => {
    const disk = smallDisk(256);
    try {
      disk.remountReadOnly();
      const e = await writeOutputFile(paths, { path: join(disk.dir, 'x.pdf'), overwrite: false }, 'pdf').catch(
        (x: unknown) => x,
      );
      expect(isAppError(e) && [e.code, e.message.includes('没有写入权限')]).toEqual(['NO_PERMISSION', true]);
    } finally {
      disk.cleanup();
    }
    const folder = join(tmp.dir, 'stick');
    mkdirSync(folder);
    const e = await writeOutput(paths, { path: join(folder, 'bank.csv'), overwrite: false }, async (sink) => {
      await sink.write('first half\r\n');
      rmSync(folder, { recursive: true, force: true });
      await sink.write('second half\r\n');
    }).catch((x: unknown) => x);
    // The open file survives the unlink on Linux; the rename into the vanished folder fails.
    expect(isAppError(e) && e.code).toBe('DIR_MISSING');
    expect(readdirSync(tmp.dir)).toEqual(['data']);
  });

  it('a cancel between chunks removes the partial file', async () => {
    let cancelled = false;
    const path = join(tmp.dir, 'big.pdf');
    const e = await writeOutput(
      paths,
      { path, overwrite: false },
      async (sink) => {
        await sink.write('a'.repeat(1000));
        cancelled = true;
        await sink.write('b'.repeat(1000));
      },
      {
        checkCancelled: () => {
          if (cancelled) throw Object.assign(new Error('x'), { code: 'ECANCELED' });
        },
      },
    ).catch((x: unknown) => x);
    expect(e).toBeTruthy();
    expect(readdirSync(tmp.dir)).toEqual(['data']);
  });

  it('maps what the system said to words a clerk can act on', () => {
    const err = (code: string) => fileError(Object.assign(new Error(code), { code }), '/media/usb/一卡通.xlsx');
    expect(err('EBUSY').code).toBe('FILE_IN_USE');
    expect(err('EBUSY').message).toContain('文件被其他程序占用');
    expect(err('ENOSPC').message).toContain('磁盘已满');
    expect(err('ENOENT').message).toContain('目录不存在');
    expect(err('EACCES').message).toContain('没有写入权限');
    expect(err('EIO').code).toBe('DEVICE_ERROR');
    expect(err('EIO').message).toContain('U 盘');
  });

  it('a table export onto a full disk comes back as DISK_FULL through the dispatcher, not INTERNAL', async () => {
    const dir = join(tmp.dir, 'db');
    initialisedDir(dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    const disk = smallDisk(32);
    try {
      const t = newApp(dir, {
        dialogs: {
          chooseFolder: () => Promise.resolve(null),
          chooseSaveFile: () => Promise.resolve({ path: join(disk.dir, '导出.csv'), overwrite: false }),
        },
      });
      await signIn(t, 'w', 'li', PASSWORD);
      const rows = Array.from({ length: 3000 }, (_, i) => [`张三${String(i)}`, '42010219450315001X', i]);
      const r = await invoke(t, 'w', 'export.table', { title: '导出', format: 'csv', columns: ['a', 'b', 'c'], rows });
      expect(r.ok ? 'ok' : r.error.code).toBe('DISK_FULL');
      expect(readdirSync(disk.dir)).toEqual([]);
      t.app.close();
    } finally {
      disk.cleanup();
    }
  });

  it('a backup into the data directory is refused; onto a full stick it says 磁盘已满 and leaves no folder', async () => {
    const dir = join(tmp.dir, 'db');
    initialisedDir(dir);
    const disk = smallDisk(48);
    try {
      let folder = join(dir, 'mine');
      const t = newApp(dir, {
        dialogs: { chooseFolder: () => Promise.resolve(folder), chooseSaveFile: () => Promise.resolve(null) },
      });
      await signIn(t, 'w', ADMIN.username, ADMIN.password);
      const inData = await invoke(t, 'w', 'backup.create', {});
      expect(inData.ok ? 'ok' : inData.error.code).toBe('TARGET_IN_DATA_DIR');
      folder = disk.dir;
      const full = await invoke(t, 'w', 'backup.create', {});
      expect(full.ok ? 'ok' : [full.error.code, full.error.message.includes('磁盘已满')]).toEqual(['DISK_FULL', true]);
      expect(readdirSync(disk.dir)).toEqual([]);
      t.app.close();
    } finally {
      disk.cleanup();
    }
  });
});
