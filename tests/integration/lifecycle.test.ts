import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../shared/domain/id-number';
import { initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { tempDir } from '../support/tmp';

const ZHANG = '42010219450315001' + checkCharacter('42010219450315001');

describe('enrolment lifecycle', () => {
  let tmp: ReturnType<typeof tempDir>;
  let t: TestApp;
  let enrolmentId = 0;
  beforeEach(async () => {
    tmp = tempDir();
    initialisedDir(tmp.dir, {
      users: [
        { username: 'li', displayName: '李经办', roles: ['clerk', 'reviewer'] },
        { username: 'zhao', displayName: '赵审核', roles: ['reviewer'] },
      ],
    });
    t = newApp(tmp.dir);
    await signIn(t, 'li', 'li', PASSWORD);
    await signIn(t, 'zhao', 'zhao', PASSWORD);
    const p = await invoke(t, 'li', 'person.save', { idNumber: ZHANG, name: '张三' });
    if (!p.ok) throw new Error(p.error.message);
    const e = await invoke(t, 'li', 'enrolment.save', {
      personId: p.value.id,
      program: 'elderly',
      appliedOn: '2026-03-02',
    });
    if (!e.ok) throw new Error(e.error.message);
    enrolmentId = e.value.id;
  });
  afterEach(() => {
    t.app.close();
    tmp.cleanup();
  });
  const step = (who: string, action: string, date: string, extra: Record<string, string> = {}) =>
    invoke(t, who, 'enrolment.transition', { id: enrolmentId, action: action as 'review', date, ...extra });

  it('goes 申请 → 初审 → 审批 (another person) → 公示 (5 working days) → 在册, recording each step', async () => {
    expect(await step('li', 'review', '2026-03-05')).toMatchObject({ ok: true, value: { status: 'reviewed' } });
    // The clerk who entered it may hold the reviewer role, and still may not approve it.
    expect(await step('li', 'approve', '2026-03-10')).toMatchObject({
      ok: false,
      error: { code: 'SELF_APPROVAL', message: '不能审批自己录入的申请，须由另一名工作人员审批' },
    });
    expect(await step('zhao', 'approve', '2026-03-10')).toMatchObject({ ok: true, value: { status: 'approved' } });
    const pub = await step('li', 'publicize', '2026-03-12');
    expect(pub).toMatchObject({ ok: true, value: { status: 'publicized' } });
    expect(pub.ok && pub.value.events.at(-1)?.changes).toContain('"publicityTo":"2026-03-18"');
    expect(await step('li', 'activate', '2026-03-18')).toMatchObject({
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION', message: '公示期至 2026-03-18，期满后方可纳入在册' },
    });
    const active = await step('li', 'activate', '2026-03-19');
    expect(active).toMatchObject({ ok: true, value: { status: 'active' } });
    expect(active.ok && active.value.events.map((e) => e.kind)).toEqual([
      'created',
      'review',
      'approve',
      'publicize',
      'activate',
    ]);
    await signIn(t, 'admin');
    const log = await invoke(t, 'admin', 'audit.list', { username: 'li' });
    expect(
      log.ok && log.value.rows.some((r) => r.action === 'access.denied' && r.after?.includes('SELF_APPROVAL')),
    ).toBe(true);
  });

  it('refuses illegal steps with a code and a Chinese reason, and stops from the month after', async () => {
    expect(await step('li', 'activate', '2026-03-05')).toMatchObject({
      ok: false,
      error: {
        code: 'ILLEGAL_TRANSITION',
        message: '当前状态为“已申请”，不能办理“公示期满，纳入在册”（须为：公示中）',
      },
    });
    expect(await step('zhao', 'stop', '2026-03-05', { reason: '死亡' })).toMatchObject({
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION' },
    });
    await step('li', 'review', '2026-03-05');
    await step('zhao', 'approve', '2026-03-10');
    await step('li', 'publicize', '2026-03-12');
    await step('li', 'activate', '2026-03-19');
    expect(await step('li', 'stop', '2026-05-20')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '原因：办理“终止”须填写原因' },
    });
    expect(await step('zhao', 'stop', '2026-05-20', { reason: '迁出' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const stopped = await step('li', 'stop', '2026-05-20', { reason: '户籍迁出' });
    expect(stopped).toMatchObject({ ok: true, value: { status: 'stopped' } });
    expect(stopped.ok && stopped.value.events.at(-1)).toMatchObject({
      kind: 'stop',
      reason: '户籍迁出',
      fromStatus: 'active',
      toStatus: 'stopped',
    });
  });

  it('records a death: the date is set, active enrolments stop from the next month, pending ones are rejected', async () => {
    await step('li', 'review', '2026-03-05');
    await step('zhao', 'approve', '2026-03-10');
    await step('li', 'publicize', '2026-03-12');
    await step('li', 'activate', '2026-03-19');
    const r = await invoke(t, 'li', 'person.recordDeath', { idNumber: ZHANG, date: '2026-06-15', source: '殡葬' });
    expect(r).toMatchObject({
      ok: true,
      value: {
        deathDate: '2026-06-15',
        closed: [{ enrolmentId, action: 'stop', effectiveMonth: '2026-07' }],
        recoveryCandidates: [],
      },
    });
    const detail = await invoke(t, 'li', 'person.get', { id: r.ok ? r.value.personId : 0 });
    expect(detail).toMatchObject({
      ok: true,
      value: { person: { deathDate: '2026-06-15' }, enrolments: [{ status: 'stopped' }] },
    });
    expect(detail.ok && detail.value.enrolments[0]?.events.at(-1)).toMatchObject({
      kind: 'stop',
      reason: '死亡（2026-06-15，殡葬）',
    });
    expect(
      await invoke(t, 'li', 'person.recordDeath', { idNumber: ZHANG.slice(0, 17) + '0', date: '2026-06-15' }),
    ).toMatchObject({ ok: false });
  });

  it('takes the same steps from the CLI', async () => {
    t.app.close();
    const { runCliInProcess } = await import('../support/cli');
    const env = { WELFARE_DESK_PASSWORD: PASSWORD };
    const cli = (user: string, args: string[]) =>
      runCliInProcess([...args, '--data', tmp.dir, '--user', user, '--json'], env);
    expect((await cli('li', ['review', '--id', ZHANG, '--program', 'elderly', '--date', '2026-03-05'])).code).toBe(0);
    const self = await cli('li', ['approve', '--id', ZHANG, '--program', 'elderly', '--date', '2026-03-10']);
    expect(self.code).toBe(1);
    expect(JSON.parse(self.stdout).error.code).toBe('SELF_APPROVAL');
    const ok = await cli('zhao', ['approve', '--id', ZHANG, '--program', 'elderly', '--date', '2026-03-10']);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, enrolment: { status: 'approved' } });
    const death = await cli('li', ['event', 'death', '--id', ZHANG, '--date', '2026-06-15']);
    expect(JSON.parse(death.stdout)).toMatchObject({ ok: true, deathDate: '2026-06-15' });
    t = newApp(tmp.dir);
  });
  it('checks the overlap rules when an application is entered: refuses, or keeps it and asks for a decision', async () => {
    const tekun = await invoke(t, 'li', 'person.save', {
      idNumber: '42010220100101003' + checkCharacter('42010220100101003'),
      name: '王小明',
      tekun: 'dispersed',
      dibao: 'rural',
    });
    if (!tekun.ok) throw new Error(tekun.error.message);
    const cert = { number: `${tekun.value.idNumber}42`, expiresOn: '2030-01-01' };
    const before = await invoke(t, 'li', 'person.get', { id: tekun.value.id });
    const refused = await invoke(t, 'li', 'enrolment.save', {
      personId: tekun.value.id,
      program: 'disability-living',
      appliedOn: '2026-03-02',
      certificate: cert,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'OVERLAP_FORBIDDEN', message: '特困供养人员不能申请困难残疾人生活补贴（不可兼得）' },
    });
    expect(await invoke(t, 'li', 'person.get', { id: tekun.value.id })).toEqual(before);
    const orphan = await invoke(t, 'li', 'enrolment.save', {
      personId: tekun.value.id,
      program: 'orphan',
      appliedOn: '2026-03-02',
      childMode: 'dispersed',
    });
    expect(orphan.ok && orphan.value.decisions).toEqual([
      '同时享受低保、同时享受特困供养：须按就高不就低原则决定只补差额或放弃其中一项',
    ]);
    expect(orphan.ok && orphan.value.events[0]?.reason).toContain('就高不就低');
  });
  it('finds an enrolment whose annual review is overdue, and the review step clears it', async () => {
    await step('li', 'review', '2026-03-05');
    await step('zhao', 'approve', '2026-03-10');
    await step('li', 'publicize', '2026-03-12');
    await step('li', 'activate', '2026-03-19');
    t.app.close();
    // January 2028: the 2027 review (deadline December) is over, and this record, approved in 2026, had none.
    t = newApp(tmp.dir, { clock: () => new Date('2028-01-15T02:00:00Z') });
    await signIn(t, 'li', 'li', PASSWORD);
    const overdue = async () => {
      const r = await invoke(t, 'li', 'check.list', {});
      return r.ok
        ? r.value.rows.filter((f) => f.kind === 'review-overdue' && f.enrolmentId === enrolmentId).map((f) => f.message)
        : ['list failed'];
    };
    expect(await overdue()).toEqual(['张三 的高龄津贴未完成 2027 年度复核（截止 2027 年 12 月底），在册以来未复核']);
    const r = await step('li', 'annualReview', '2028-01-10');
    expect(r).toMatchObject({ ok: true, value: { status: 'active' } });
    expect(await overdue()).toEqual([]);
  });
});
