import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/contract';
import { backupIfDue } from '../../electron/services/backup/service';
import { contentDigest } from '../support/db';
import { initialisedDir, newApp, signIn, type TestApp } from '../support/fixtures';
import { tempDir } from '../support/tmp';

type JobEvent = Extract<AppEvent, { type: 'job' }>;

/** Cancels the job from the event listener as soon as it reports `phase`: the next step stops it. */
function cancelAt(t: TestApp, phase: string): { events: JobEvent[]; stop: () => void } {
  const events: JobEvent[] = [];
  const stop = t.app.onEvent((e) => {
    if (e.type !== 'job') return;
    events.push(e);
    if (e.phase === phase && e.state === 'running') t.app.jobs.cancel(e.jobId);
  });
  return { events, stop };
}

describe('backup and restore run as jobs', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  let usb: string;
  let t: TestApp;
  beforeEach(async () => {
    tmp = tempDir();
    data = join(tmp.dir, 'data');
    usb = join(tmp.dir, 'usb');
    mkdirSync(usb);
    initialisedDir(data);
    t = newApp(data, { dialogs: { chooseFolder: async () => usb, chooseSaveFile: async () => null } });
    await signIn(t, 'w');
  });
  afterEach(() => {
    t.app.close();
    tmp.cleanup();
  });

  it('a backup reports its phases and, cancelled, leaves no folder at all', async () => {
    const watch = cancelAt(t, '校验备份');
    const r = await t.dispatch({ key: 'w' }, 'backup.create', { jobId: 'backup-job-1' });
    watch.stop();
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED', message: expect.stringContaining('没有留下') } });
    expect(watch.events.map((e) => e.phase)).toEqual(expect.arrayContaining(['复制数据库', '校验备份']));
    expect(watch.events.at(-1)?.state).toBe('cancelled');
    expect(readdirSync(usb)).toEqual([]);
    const whole = await t.dispatch({ key: 'w' }, 'backup.create', { jobId: 'backup-job-2' });
    expect(whole.ok).toBe(true);
    expect(readdirSync(usb).filter((n) => !n.endsWith('.partial'))).toHaveLength(1);
  });

  it('a restore cancelled before the swap leaves the database and the data folder as they were', async () => {
    const daily = backupIfDue(t.app, 'daily')?.daily ?? '';
    const store = t.app.currentStore();
    if (!store) throw new Error('open');
    const before = contentDigest(store.raw, ['audit_log']);
    const watch = cancelAt(t, '打开并校验备份');
    const r = await t.dispatch({ key: 'w' }, 'backup.restore', { id: daily, jobId: 'restore-job-1' });
    watch.stop();
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED', message: '已取消恢复：数据库未作任何改动' } });
    expect(t.app.currentStore()).not.toBeNull();
    expect(contentDigest(t.app.currentStore()?.raw ?? store.raw, ['audit_log'])).toBe(before);
    for (const leftover of ['welfare.db.restoring', 'welfare.db.before-restore', 'welfare.restore.json'])
      expect(existsSync(join(data, leftover)), leftover).toBe(false);
    expect(existsSync(join(data, 'backups', 'safety'))).toBe(false);
    // Not cancelled, it runs to the end with the same phases.
    const events: JobEvent[] = [];
    const stop = t.app.onEvent((e) => (e.type === 'job' ? void events.push(e) : undefined));
    const done = await t.dispatch({ key: 'w' }, 'backup.restore', { id: daily, jobId: 'restore-job-2' });
    stop();
    expect(done.ok).toBe(true);
    expect(events.map((e) => e.phase)).toEqual(expect.arrayContaining(['复制备份', '替换数据库']));
    expect(events.at(-1)?.state).toBe('done');
  });
});
