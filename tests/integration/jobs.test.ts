import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppEvent, JobInfo } from '../../shared/contract';
import { CancelFlags, JobRunner } from '../../electron/services/jobs/runner';
import { initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { elderlyRosterCsv } from '../support/rosters';
import { seedCounty } from '../support/seed';
import { spawnCli } from '../support/cli';
import { tempDir } from '../support/tmp';

const jobEvents = (events: AppEvent[]) => events.filter((e): e is JobInfo & { type: 'job' } => e.type === 'job');

describe('jobs', () => {
  it('reports progress with a phase and time left, and refuses a second job of the same kind', async () => {
    const events: AppEvent[] = [];
    let t = 0;
    const jobs = new JobRunner(
      (e) => events.push(e),
      () => t,
    );
    let release: () => void = () => undefined;
    const first = jobs.run({ kind: 'print', title: '另存为 PDF', cancelled: '已取消' }, async (job) => {
      t = 2000;
      job.step(1, 4, '排版');
      await new Promise<void>((r) => (release = r));
      return 'done';
    });
    await expect(jobs.run({ kind: 'print', title: '另存为 PDF', cancelled: '' }, () => 1)).rejects.toMatchObject({
      code: 'JOB_RUNNING',
    });
    // Another kind may run beside it.
    await expect(jobs.run({ kind: 'report', title: '导出报表', cancelled: '' }, () => 2)).resolves.toBe(2);
    expect(jobs.list().map((j) => [j.kind, j.done, j.total, j.phase, j.etaSeconds])).toEqual([
      ['print', 1, 4, '排版', 6],
    ]);
    release();
    await expect(first).resolves.toBe('done');
    expect(jobs.list()).toEqual([]);
    expect(
      jobEvents(events)
        .filter((e) => e.kind === 'print')
        .map((e) => e.state),
    ).toEqual(['running', 'running', 'done']);
  });

  it('is cancelled through shared memory from another thread while its own thread never yields', async () => {
    const flags = new CancelFlags();
    const jobs = new JobRunner(() => undefined, Date.now, flags);
    let slot = -1;
    const result = jobs.run({ kind: 'import', title: '导入台账', cancelled: '已取消导入：没有写入任何数据' }, (job) => {
      slot = jobs['running'].get(job.id)?.slot ?? -1;
      const w = new Worker(
        `const { workerData } = require('node:worker_threads'); Atomics.store(new Int32Array(workerData.b), workerData.s, 1);`,
        { eval: true, workerData: { b: flags.buffer, s: slot } },
      );
      // A synchronous loop, as inside a SQLite transaction: only the shared flag can stop it.
      const until = Date.now() + 20_000;
      for (let i = 0; Date.now() < until; i++) job.step(i, 1e12, '写入数据库');
      void w.terminate();
      return 'not cancelled';
    });
    await expect(result).rejects.toMatchObject({ code: 'CANCELLED', message: '已取消导入：没有写入任何数据' });
    expect(slot).toBeGreaterThanOrEqual(0);
  });
});

describe('cancelling real work', () => {
  let tmp: ReturnType<typeof tempDir>;
  let t: TestApp;
  const personCount = () => t.app.currentStore()!.raw.prepare('SELECT count(*) FROM persons').pluck().get() as number;
  const auditCount = () => t.app.currentStore()!.raw.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  beforeEach(async () => {
    tmp = tempDir();
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    await seedCounty(tmp.dir);
    t = newApp(tmp.dir);
    await signIn(t, 'li', 'li', PASSWORD);
  });
  afterEach(() => {
    t.app.close();
    tmp.cleanup();
  });

  it('an import cancelled half-way writes nothing, and says so', async () => {
    const content = elderlyRosterCsv(1500).toString('base64');
    const events: AppEvent[] = [];
    const jobId = 'import-cancel-test';
    const off = t.app.onEvent((e) => {
      events.push(e);
      // Progress events are throttled and the bulk write is fast: cancel on the first one of the writing phase,
      // so the job stops at its next step, with rows already written inside the transaction.
      if (e.type === 'job' && e.jobId === jobId && e.phase === '写入数据库' && e.done >= 1) t.app.jobs.cancel(jobId);
    });
    const before = { persons: personCount(), audit: auditCount() };
    const r = await invoke(t, 'li', 'import.commit', {
      fileName: '老人名单.csv',
      contentBase64: content,
      program: 'elderly',
      jobId,
    });
    off();
    expect(r.ok ? 'ok' : [r.error.code, r.error.message]).toEqual(['CANCELLED', '已取消导入：没有写入任何数据']);
    expect({ persons: personCount(), audit: auditCount() }).toEqual(before);
    const mine = jobEvents(events).filter((e) => e.jobId === jobId);
    expect(mine.at(-1)).toMatchObject({ state: 'cancelled', message: '已取消导入：没有写入任何数据' });
    expect(mine.some((e) => e.state === 'running' && e.done > 0 && e.total === 1500)).toBe(true);
    // Uncancelled, the same file imports whole.
    const again = await invoke(t, 'li', 'import.commit', {
      fileName: '老人名单.csv',
      contentBase64: content,
      program: 'elderly',
    });
    expect(again.ok && again.value.created).toBe(1500);
    expect(personCount()).toBe(before.persons + 1500);
  });

  it('the CLI prints the same progress on stderr, with stdout one JSON object; relative paths are the user’s', async () => {
    t.app.close();
    const work = tempDir('wd-cwd-');
    try {
      writeFileSync(join(work.dir, '名单.csv'), elderlyRosterCsv(300, 5000));
      // As `npm run cli` in another folder: relative --file and --data resolve from where the user typed them.
      const r = spawnCli(
        [
          'import',
          '--program',
          'elderly',
          '--file',
          '名单.csv',
          '--data',
          relative(work.dir, tmp.dir),
          '--user',
          'li',
          '--json',
        ],
        {
          WELFARE_DESK_PASSWORD: PASSWORD,
          WELFARE_DESK_PROGRESS: '1',
          npm_lifecycle_event: 'cli',
          INIT_CWD: work.dir,
        },
      );
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, created: 300 });
      expect(r.stderr).toContain('导入台账：写入数据库');
      expect(r.stderr).toMatch(/导入台账：完成/);
    } finally {
      work.cleanup();
    }
  });
});
