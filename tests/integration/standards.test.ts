import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../shared/domain/id-number';
import { initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { tempDir } from '../support/tmp';

/** Born 15 April 1936: 90 on 15 April 2026, so the 90–99 tier starts in May 2026 (or April when counted from the birthday month). */
const ELDER = '42010219360415001' + checkCharacter('42010219360415001');

describe('standards, policy settings and entitlement', () => {
  let tmp: ReturnType<typeof tempDir>;
  let t: TestApp;
  beforeEach(async () => {
    tmp = tempDir();
    initialisedDir(tmp.dir, {
      users: [
        { username: 'li', displayName: '李经办', roles: ['clerk', 'reviewer'] },
        { username: 'zhao', displayName: '赵审核', roles: ['reviewer'] },
        { username: 'wang', displayName: '王局长', roles: ['head'] },
      ],
    });
    t = newApp(tmp.dir, { clock: () => new Date('2026-06-15T02:00:00Z') });
    for (const u of ['li', 'zhao', 'wang']) await signIn(t, u, u, PASSWORD);
  });
  afterEach(() => {
    t.app.close();
    tmp.cleanup();
  });

  /** An elder who applied in January 2026 and was approved by someone else the same month. */
  async function approvedElder(): Promise<number> {
    const p = await invoke(t, 'li', 'person.save', { idNumber: ELDER, name: '周老汉' });
    if (!p.ok) throw new Error(p.error.message);
    const e = await invoke(t, 'li', 'enrolment.save', {
      personId: p.value.id,
      program: 'elderly',
      appliedOn: '2026-01-10',
    });
    if (!e.ok) throw new Error(e.error.message);
    const step = (who: string, action: 'review' | 'approve', date: string) =>
      invoke(t, who, 'enrolment.transition', { id: e.value.id, action, date });
    expect(await step('li', 'review', '2026-01-12')).toMatchObject({ ok: true });
    expect(await step('zhao', 'approve', '2026-01-20')).toMatchObject({ ok: true });
    return e.value.id;
  }

  it('sets rows with history, replaces a same-month row, and marks retroactive rows', async () => {
    expect(
      await invoke(t, 'wang', 'standard.set', {
        program: 'elderly',
        category: '80-89',
        fromMonth: '2025-01',
        amountFen: 5000,
      }),
    ).toMatchObject({ ok: true, value: { retroactive: true, replaced: null } });
    expect(
      await invoke(t, 'wang', 'standard.set', {
        program: 'elderly',
        category: '80-89',
        fromMonth: '2026-09',
        amountFen: 6000,
      }),
    ).toMatchObject({ ok: true, value: { retroactive: false } });
    // Decided in June, effective from March: months already paid owe the difference.
    const retro = await invoke(t, 'wang', 'standard.set', {
      program: 'elderly',
      category: '80-89',
      fromMonth: '2026-03',
      amountFen: 5500,
    });
    expect(retro).toMatchObject({
      ok: true,
      value: { fromMonth: '2026-03', amountFen: 5500, retroactive: true, createdBy: 'wang' },
    });
    expect(
      await invoke(t, 'wang', 'standard.set', {
        program: 'elderly',
        category: '80-89',
        fromMonth: '2026-03',
        amountFen: 5800,
      }),
    ).toMatchObject({ ok: true, value: { replaced: 5500 } });
    const list = await invoke(t, 'li', 'standard.list', {});
    expect(list.ok && list.value.map((r) => [r.fromMonth, r.amountFen])).toEqual([
      ['2026-09', 6000],
      ['2026-03', 5800],
      ['2025-01', 5000],
    ]);
    await signIn(t, 'admin');
    const log = await invoke(t, 'admin', 'audit.list', { username: 'wang' });
    const update = log.ok ? log.value.rows.find((r) => r.action === 'standard.update') : undefined;
    expect(update?.before).toContain('5500');
    expect(update?.after).toContain('5800');
  });

  it('refuses a category the program does not have, and callers other than head or admin', async () => {
    const wrong = await invoke(t, 'wang', 'standard.set', {
      program: 'disability-care',
      category: 'grade-3',
      fromMonth: '2026-01',
      amountFen: 8000,
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!wrong.ok && wrong.error.message).toBe(
      '类别：“重度残疾人护理补贴”没有类别“grade-3”，可选类别为：grade-1（一级）、grade-2（二级）、grade-3-4-im（三、四级智力/精神）',
    );
    const tier = await invoke(t, 'wang', 'standard.set', {
      program: 'elderly',
      category: '70-79',
      fromMonth: '2026-01',
      amountFen: 3000,
    });
    expect(!tier.ok && tier.error.message).toContain('2026-01 执行的可选类别为：80-89（80–89 岁）');
    expect(
      await invoke(t, 'li', 'standard.set', {
        program: 'disability-living',
        category: 'all',
        fromMonth: '2026-01',
        amountFen: 10000,
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const bad = await invoke(t, 'wang', 'standard.set', {
      program: 'disability-living',
      category: 'all',
      fromMonth: '2026-13',
      amountFen: -1,
    });
    expect(!bad.ok && bad.error.message).toContain('不是有效月份（格式 YYYY-MM）');
    expect(!bad.ok && bad.error.message).toContain('金额不能为负数');
  });

  it('keeps policy settings by month: each key from its month on, earlier months unchanged', async () => {
    expect(
      await invoke(t, 'wang', 'policy.set', { key: 'tierFrom', value: 'birthday-month', fromMonth: '2026-04' }),
    ).toMatchObject({ ok: true, value: { key: 'tierFrom', value: 'birthday-month' } });
    expect(
      await invoke(t, 'wang', 'policy.set', {
        key: 'elderTiers',
        value: [
          { key: '70-79', minAge: 70 },
          { key: '80-89', minAge: 80 },
          { key: '90-99', minAge: 90 },
          { key: '100+', minAge: 100 },
        ],
        fromMonth: '2027-01',
      }),
    ).toMatchObject({ ok: true });
    expect(
      await invoke(t, 'wang', 'policy.set', { key: 'start.orphan', value: 'application-month', fromMonth: '2026-07' }),
    ).toMatchObject({ ok: true });
    expect(
      await invoke(t, 'wang', 'policy.set', { key: 'paymentFrequency', value: 'quarterly', fromMonth: '2026-07' }),
    ).toMatchObject({ ok: true });
    const march = await invoke(t, 'li', 'policy.get', { month: '2026-03' });
    expect(march.ok && march.value.policy).toMatchObject({
      tierFrom: 'month-after-birthday',
      paymentFrequency: 'monthly',
      start: { orphan: 'month-after-approval' },
    });
    const july = await invoke(t, 'li', 'policy.get', {});
    expect(july.ok && july.value).toMatchObject({
      month: '2026-06',
      policy: { tierFrom: 'birthday-month', paymentFrequency: 'monthly' },
    });
    const later = await invoke(t, 'li', 'policy.get', { month: '2027-02' });
    expect(later.ok && later.value.policy.elderTiers.map((x) => x.key)).toEqual(['70-79', '80-89', '90-99', '100+']);
    expect(later.ok && later.value.policy).toMatchObject({
      paymentFrequency: 'quarterly',
      start: { orphan: 'application-month', elderly: 'application-month' },
    });
    expect(later.ok && later.value.settings).toHaveLength(4);
    // The new tier is a valid category from the month it exists.
    expect(
      await invoke(t, 'wang', 'standard.set', {
        program: 'elderly',
        category: '70-79',
        fromMonth: '2027-01',
        amountFen: 3000,
      }),
    ).toMatchObject({ ok: true });

    const refused = await invoke(t, 'wang', 'policy.set', {
      key: 'annualReviewMonth',
      value: 13,
      fromMonth: '2026-07',
    });
    expect(!refused.ok && refused.error.message).toBe('年度复核截止月份：应为 1–12 的整数');
    const tiers = await invoke(t, 'wang', 'policy.set', {
      key: 'elderTiers',
      value: [
        { key: '90-99', minAge: 90 },
        { key: '80-89', minAge: 80 },
      ],
      fromMonth: '2026-07',
    });
    expect(!tiers.ok && tiers.error.message).toContain('年龄段须按起始年龄从低到高排列');
    const key = await invoke(t, 'wang', 'policy.set', { key: 'noSuchKey' as never, value: 1, fromMonth: '2026-07' });
    expect(!key.ok && key.error.message).toContain('政策项目只能是');
    expect(
      await invoke(t, 'li', 'policy.set', { key: 'livingForDibaoEdge', value: true, fromMonth: '2026-07' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('computes an approved elder across a standard change and a tier change, from stored rows only', async () => {
    const id = await approvedElder();
    const at = async (month: string) => {
      const r = await invoke(t, 'li', 'entitlement.get', { enrolmentId: id, month });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    // Nothing stored: the sample standards are for demos, not for paying.
    expect(await at('2026-02')).toMatchObject({
      amountFen: 0,
      code: 'NO_STANDARD',
      category: '80-89',
      reason: '高龄津贴（80-89）在 2026-02 没有执行标准',
    });

    for (const [category, amountFen] of [
      ['80-89', 5000],
      ['90-99', 10000],
      ['100+', 50000],
    ] as const) {
      expect(
        await invoke(t, 'wang', 'standard.set', { program: 'elderly', category, fromMonth: '2025-01', amountFen }),
      ).toMatchObject({ ok: true });
    }
    expect(
      await invoke(t, 'wang', 'standard.set', {
        program: 'elderly',
        category: '80-89',
        fromMonth: '2026-03',
        amountFen: 6000,
      }),
    ).toMatchObject({ ok: true });

    expect(await at('2025-12')).toMatchObject({ amountFen: 0, code: 'NOT_STARTED' });
    expect(await at('2026-01')).toMatchObject({
      amountFen: 5000,
      code: 'ENTITLED',
      category: '80-89',
      standardFromMonth: '2025-01',
    });
    expect(await at('2026-03')).toMatchObject({ amountFen: 6000, category: '80-89', standardFromMonth: '2026-03' });
    // 90 on 15 April: the higher tier from the month after, with no new application.
    expect(await at('2026-04')).toMatchObject({ amountFen: 6000, category: '80-89' });
    expect(await at('2026-05')).toMatchObject({
      amountFen: 10000,
      category: '90-99',
      reason: '按高龄津贴（90-99）标准 100.00 元/月（2025-01 起执行）',
    });

    // The county counts tiers from the birthday month from April on: April moves up, March does not.
    expect(
      await invoke(t, 'wang', 'policy.set', { key: 'tierFrom', value: 'birthday-month', fromMonth: '2026-04' }),
    ).toMatchObject({ ok: true });
    expect(await at('2026-04')).toMatchObject({ amountFen: 10000, category: '90-99' });
    expect(await at('2026-03')).toMatchObject({ amountFen: 6000, category: '80-89' });
  });

  it('pauses from a stop and pays again from a resume', async () => {
    const id = await approvedElder();
    await invoke(t, 'wang', 'standard.set', {
      program: 'elderly',
      category: '80-89',
      fromMonth: '2025-01',
      amountFen: 5000,
    });
    await invoke(t, 'wang', 'standard.set', {
      program: 'elderly',
      category: '90-99',
      fromMonth: '2025-01',
      amountFen: 10000,
    });
    const step = (action: 'publicize' | 'activate' | 'suspend' | 'resume', date: string, reason?: string) =>
      invoke(t, 'li', 'enrolment.transition', { id, action, date, ...(reason ? { reason } : {}) });
    expect(await step('publicize', '2026-01-21')).toMatchObject({ ok: true });
    expect(await step('activate', '2026-02-02')).toMatchObject({ ok: true });
    expect(await step('suspend', '2026-06-03', '外出未能联系')).toMatchObject({ ok: true });
    expect(await step('resume', '2026-08-05', '已联系本人')).toMatchObject({ ok: true });
    const at = async (month: string) => {
      const r = await invoke(t, 'zhao', 'entitlement.get', { enrolmentId: id, month });
      return r.ok ? [r.value.code, r.value.amountFen] : r.error.code;
    };
    expect(await at('2026-06')).toEqual(['ENTITLED', 10000]);
    expect(await at('2026-07')).toEqual(['PAUSED', 0]);
    expect(await at('2026-08')).toEqual(['ENTITLED', 10000]);
    expect(await invoke(t, 'li', 'entitlement.get', { enrolmentId: 9999, month: '2026-08' })).toMatchObject({
      ok: false,
      error: { code: 'ENROLMENT_NOT_FOUND' },
    });
  });
});
