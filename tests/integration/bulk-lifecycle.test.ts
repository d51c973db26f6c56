import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/contract';
import { runCliInProcess } from '../support/cli';
import { withCheck } from '../support/seed';
import { initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { elderlyRosterCsv } from '../support/rosters';
import { seedCounty } from '../support/seed';
import { tempDir } from '../support/tmp';

describe('bulk lifecycle steps', () => {
  let tmp: ReturnType<typeof tempDir>;
  let t: TestApp;
  const db = () => t.app.currentStore()!.raw;
  const statusCounts = () =>
    Object.fromEntries(
      (
        db().prepare(`SELECT status, count(*) AS n FROM enrolments GROUP BY status`).all() as Array<{
          status: string;
          n: number;
        }>
      ).map((r) => [r.status, r.n]),
    );
  beforeEach(async () => {
    tmp = tempDir();
    initialisedDir(tmp.dir, {
      users: [
        { username: 'li', displayName: '李经办', roles: ['clerk'] },
        { username: 'zhou', displayName: '周经办', roles: ['clerk', 'reviewer'] },
        { username: 'zhao', displayName: '赵审核', roles: ['reviewer'] },
      ],
    });
    await seedCounty(tmp.dir);
    t = newApp(tmp.dir);
    for (const u of ['zhou', 'zhao']) await signIn(t, u, u, PASSWORD);
    // 1,000 applications entered by zhou.
    const r = await invoke(t, 'zhou', 'import.commit', {
      fileName: '老人名单.csv',
      contentBase64: elderlyRosterCsv(1000).toString('base64'),
      program: 'elderly',
    });
    if (!r.ok) throw new Error(r.error.message);
  }, 120_000);
  afterEach(() => {
    t.app.close();
    tmp.cleanup();
  });

  const zhouIds = () =>
    db().prepare(`SELECT id FROM enrolments WHERE entered_by = 'zhou' ORDER BY id`).pluck().all() as number[];

  it('1,000 approvals in one action: refused for each when the one who entered them approves, applied by a second person', async () => {
    const ids = zhouIds();
    expect(ids).toHaveLength(1000);
    const reviewed = await invoke(t, 'zhou', 'enrolment.bulkTransition', { ids, action: 'review', date: '2026-01-10' });
    expect(reviewed).toMatchObject({ ok: true, value: { applied: 1000, refused: 0 } });

    const self = await invoke(t, 'zhou', 'enrolment.bulkTransition', { ids, action: 'approve', date: '2026-01-11' });
    if (!self.ok) throw new Error(self.error.message);
    expect(self.value).toMatchObject({ applied: 0, refused: 1000 });
    expect(new Set(self.value.results.map((r) => r.code))).toEqual(new Set(['SELF_APPROVAL']));
    expect(self.value.results[0]?.message).toContain('须由另一名工作人员审批');
    expect(self.value.results[999]).toMatchObject({ row: 1000, enrolmentId: ids[999], ok: false });
    expect(statusCounts().approved ?? 0).toBe(0);

    const started = Date.now();
    const second = await invoke(t, 'zhao', 'enrolment.bulkTransition', { ids, action: 'approve', date: '2026-01-11' });
    const ms = Date.now() - started;
    expect(second).toMatchObject({ ok: true, value: { applied: 1000, refused: 0 } });
    console.log(`bulk approval of 1000 by a second person: ${ms} ms`);
    expect(
      db().prepare(`SELECT count(*) FROM enrolments WHERE approved_by = 'zhao' AND status = 'approved'`).pluck().get(),
    ).toBe(1000);
    // Every approval is in the audit chain on its own, plus one row for the action.
    expect(
      db()
        .prepare(`SELECT count(*) FROM audit_log WHERE action = 'enrolment.approve' AND username = 'zhao'`)
        .pluck()
        .get(),
    ).toBe(1000);
    expect(db().prepare(`SELECT count(*) FROM audit_log WHERE action = 'enrolment.bulk'`).pluck().get()).toBe(3);
  }, 120_000);

  it('lists each refused row with why and applies the rest; a cancelled action applies none', async () => {
    const ids = zhouIds().slice(0, 300);
    await invoke(t, 'zhou', 'enrolment.bulkTransition', {
      ids: ids.slice(0, 200),
      action: 'review',
      date: '2026-01-10',
    });
    const mixed = await invoke(t, 'zhao', 'enrolment.bulkTransition', {
      ids: [...ids, ids[0] ?? 0, 999_999],
      action: 'approve',
      date: '2026-01-11',
    });
    if (!mixed.ok) throw new Error(mixed.error.message);
    expect(mixed.value).toMatchObject({ applied: 200, refused: 102 });
    expect(mixed.value.results[250]).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
    expect(mixed.value.results[250]?.message).toContain('当前状态为“已申请”');
    expect(mixed.value.results[300]).toMatchObject({ row: 301, ok: false, code: 'DUPLICATE_IN_FILE' });
    expect(mixed.value.results[301]).toMatchObject({ row: 302, ok: false, code: 'ENROLMENT_NOT_FOUND' });
    expect(mixed.value.results[0]).toMatchObject({ ok: true, name: expect.stringMatching(/^老人/) });

    const jobId = 'bulk-cancel-test';
    const events: AppEvent[] = [];
    const off = t.app.onEvent((e) => {
      events.push(e);
      if (e.type === 'job' && e.jobId === jobId && e.total === 200) t.app.jobs.cancel(jobId);
    });
    const before = { status: statusCounts(), audit: db().prepare('SELECT count(*) FROM audit_log').pluck().get() };
    const cancelled = await invoke(t, 'zhao', 'enrolment.bulkTransition', {
      ids: ids.slice(0, 200),
      action: 'publicize',
      date: '2026-01-12',
      jobId,
    });
    off();
    expect(cancelled.ok ? 'ok' : cancelled.error.code).toBe('CANCELLED');
    expect({ status: statusCounts(), audit: db().prepare('SELECT count(*) FROM audit_log').pluck().get() }).toEqual(
      before,
    );
    expect(events.some((e) => e.type === 'job' && e.jobId === jobId && e.total === 200)).toBe(true);
  }, 120_000);

  it('the CLI takes a file of ID numbers: `review --ids FILE` steps each and lists who was not found', async () => {
    const ids = db()
      .prepare(
        `SELECT p.id_number FROM enrolments e JOIN persons p ON p.id = e.person_id WHERE e.entered_by = 'zhou' ORDER BY e.id LIMIT 3`,
      )
      .pluck()
      .all() as string[];
    t.app.close();
    const file = join(tmp.dir, 'ids.csv');
    writeFileSync(file, `\uFEFF身份证号\r\n${ids.join('\r\n')}\r\n# 外来人员\r\n${withCheck('42010219290707001')}\r\n`);
    const r = await runCliInProcess(
      [
        'review',
        '--ids',
        file,
        '--program',
        'elderly',
        '--date',
        '2026-01-10',
        '--data',
        tmp.dir,
        '--user',
        'zhou',
        '--json',
      ],
      { WELFARE_DESK_PASSWORD: PASSWORD },
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      applied: number;
      refused: number;
      results: Array<{ row: number; code: string | null }>;
    };
    expect(out).toMatchObject({ applied: 3, refused: 1 });
    expect(out.results[3]).toMatchObject({ row: 4, code: 'PERSON_NOT_FOUND' });
    const text = await runCliInProcess(
      ['review', '--ids', file, '--program', 'elderly', '--date', '2026-01-10', '--data', tmp.dir, '--user', 'zhou'],
      { WELFARE_DESK_PASSWORD: PASSWORD },
    );
    expect(text.stdout).toContain('已办理 0 行，未办理 4 行');
    expect(text.stdout).toContain('当前状态为“已初审”');
  }, 120_000);
});
