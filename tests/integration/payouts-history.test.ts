import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PayoutLine } from '../../shared/contract';
import { generateBatch } from '../../electron/services/payouts/generate';
import { horizonOf } from '../../electron/services/payouts/horizon';
import { PayoutCounty } from '../support/payout-county';
import { withCheck } from '../support/seed';
import { tempDir } from '../support/tmp';

/**
 * Generation reads only the history that can still change (see horizon.ts).
 * Each batch here is generated twice: through the channel (narrowed) and again
 * with the whole ledger read and every month planned from the ledger start; the
 * two must give the same lines, to the fen and the note, and the same
 * recoveries. 高龄 80–89 ¥50, 90–99 ¥100; January to April paid and locked;
 * then a late death, a failed bank line, an account entered for a payee held
 * out since January, a recovery brought back, and a standard raised retroactively.
 */
const lineSet = (lines: readonly PayoutLine[]) =>
  lines.map((l) => `${l.name} ${l.month} ${l.kind} ${String(l.amountFen)} ${l.note}`).sort();

describe('generation over a long history reads only what can still change', () => {
  const tmp = tempDir();
  const c = new PayoutCounty(tmp.dir);
  const p: Record<string, number> = {};
  const store = () => {
    const s = c.t.app.currentStore();
    if (!s) throw new Error('no store');
    return s;
  };
  const recoveries = async () =>
    (await c.ok('li', 'payout.recoveries', {})).map((r) => `${r.name} ${r.month} ${r.status} ${String(r.amountFen)}`);

  /** The month generated narrowed, then regenerated from the whole ledger: both results, lines and recoveries. */
  async function both(month: string) {
    const narrowed = await c.ok('li', 'payout.generate', { program: 'elderly', month });
    const narrowedLines = lineSet((await c.lines(narrowed.id)).lines);
    const narrowedRecoveries = await recoveries();
    const full = generateBatch(
      store(),
      { username: 'li', channel: 'payout.generate' },
      { program: 'elderly', month },
      `${c.today}T02:00:00.000Z`,
      undefined,
      { fullLedger: true },
    );
    return {
      narrowed: { ...narrowed, lines: narrowedLines, recoveries: narrowedRecoveries },
      full: { ...full, lines: lineSet((await c.lines(full.id)).lines), recoveries: await recoveries() },
    };
  }
  const summary = (r: Awaited<ReturnType<typeof both>>['full']) => ({
    lineCount: r.lineCount,
    totalFen: r.totalFen,
    byKind: r.byKind,
    heldOut: r.heldOut,
    lines: r.lines,
    recoveries: r.recoveries,
  });

  beforeAll(async () => {
    await c.setup([
      ['elderly', '80-89', '2000-01', 5000],
      ['elderly', '90-99', '2000-01', 10000],
    ]);
    const people: Array<[string, string, string]> = [
      ['42010219400315001', '张三', '6217000010000000001'],
      ['42010219350620002', '李秀英', '6217000010000000002'],
      ['42010219410505005', '王五', '6217000010000000005'],
      ['42010219420808006', '赵六', '6217000010000000006'],
      ['42010219430909007', '钱七', '6217000010000000007'],
      ['42010219440101008', '孙八', ''],
    ];
    for (const [id, name, account] of people) {
      p[name] = await c.person(id, name, account);
      await c.enrol(p[name] ?? 0, 'elderly', '2026-01-02', '2026-01-02');
    }
    for (const [date, month] of [
      ['2026-01-15', '2026-01'],
      ['2026-02-05', '2026-02'],
      ['2026-03-05', '2026-03'],
      ['2026-04-05', '2026-04'],
    ] as const) {
      await c.at(date);
      await c.pay('elderly', month);
    }
  }, 120_000);
  afterAll(() => {
    c.close();
    tmp.cleanup();
  });

  it('plans only marked payees from the ledger start and gives the same May as the whole ledger', async () => {
    await c.at('2026-04-20');
    // 王五 died in February, reported now: March and April become recoveries at once.
    await c.ok('li', 'person.recordDeath', { idNumber: withCheck('42010219410505005'), date: '2026-02-14' });
    // April's bank file: 赵六's line fails, the others are paid.
    const april = (await c.ok('li', 'payout.list', { program: 'elderly' })).find((b) => b.periodFrom === '2026-04');
    const templateId = (await c.ok('li', 'bank.templates', {}))[0]?.id ?? 0;
    await c.ok('li', 'payout.exportBank', { batchId: april?.id ?? 0, templateId });
    const zhao = (await c.lines(april?.id ?? 0)).lines.find((l) => l.name === '赵六');
    await c.ok('li', 'payout.importReturn', {
      batchId: april?.id ?? 0,
      fileName: '回盘.csv',
      contentBase64: Buffer.from(`流水号,处理结果\r\nWD${String(zhao?.id ?? 0).padStart(9, '0')},失败\r\n`).toString(
        'base64',
      ),
      unlistedArePaid: true,
    });
    // 孙八 was held out for want of an account since January; it is entered now.
    const sun = (await c.ok('li', 'person.get', { id: p['孙八'] ?? 0 })).person;
    await c.ok('li', 'person.save', {
      id: sun.id,
      idNumber: sun.idNumber,
      name: sun.name,
      villageCode: '420102001001',
      bankName: '农商银行',
      bankAccount: '6217000010000000008',
    });
    await c.at('2026-05-05');
    const h = horizonOf(store(), 'elderly', null);
    expect(h?.from).toBe('2026-05');
    // The dead, the failed and the one whose account changed are marked; the others start in May.
    expect([...(h?.marked ?? [])].sort()).toEqual([p['王五'], p['赵六'], p['孙八']].sort());
    const r = await both('2026-05');
    expect(summary(r.narrowed)).toEqual(summary(r.full));
    expect(r.full.lines).toEqual([
      '孙八 2026-01 backpay 5000 补发 2026-01',
      '孙八 2026-02 backpay 5000 补发 2026-02',
      '孙八 2026-03 backpay 5000 补发 2026-03',
      '孙八 2026-04 backpay 5000 补发 2026-04',
      '孙八 2026-05 regular 5000 ',
      '张三 2026-05 regular 5000 ',
      '李秀英 2026-05 regular 10000 ',
      '赵六 2026-05 regular 5000 ',
      '钱七 2026-05 regular 5000 ',
    ]);
    expect(r.full.recoveries.sort()).toEqual(['王五 2026-03 pending 5000', '王五 2026-04 pending 5000']);
    await c.ok('zhao', 'payout.review', { batchId: r.full.id });
    await c.ok('wang', 'payout.lock', { batchId: r.full.id });
  });

  it('after a recovery brought back, still the same June; after a standard raised retroactively, the whole ledger again', async () => {
    await c.at('2026-06-03');
    const pending = (await c.ok('li', 'payout.recoveries', { status: 'pending' })).filter((x) => x.name === '王五');
    await c.ok('li', 'payout.resolveRecovery', {
      ids: pending.map((x) => x.id),
      status: 'recovered',
      note: '家属已退回',
    });
    // 赵六's account is corrected: April is reissued.
    const zhao = (await c.ok('li', 'person.get', { id: p['赵六'] ?? 0 })).person;
    await c.ok('li', 'person.save', {
      id: zhao.id,
      idNumber: zhao.idNumber,
      name: zhao.name,
      villageCode: '420102001001',
      bankName: '农商银行',
      bankAccount: '6217000010000000066',
    });
    expect(horizonOf(store(), 'elderly', null)?.marked.has(p['张三'] ?? 0)).toBe(false);
    const june = await both('2026-06');
    expect(summary(june.narrowed)).toEqual(summary(june.full));
    expect(june.full.lines).toContain('赵六 2026-04 reissue 5000 2026-04 原发放失败，账户信息更正后重发');
    // 80–89 raised to ¥60 from March, decided now: every payee's March to June is owed the difference.
    await c.ok('wang', 'standard.set', {
      program: 'elderly',
      category: '80-89',
      fromMonth: '2026-03',
      amountFen: 6000,
    });
    expect(horizonOf(store(), 'elderly', june.full.id)).toBeNull();
    const raised = await both('2026-06');
    expect(summary(raised.narrowed)).toEqual(summary(raised.full));
    expect(raised.full.lines.filter((l) => l.startsWith('张三'))).toEqual([
      '张三 2026-03 difference 1000 2026-03 已发 50.00 元，标准调整为 60.00 元（2026-03 起执行），补发差额',
      '张三 2026-04 difference 1000 2026-04 已发 50.00 元，标准调整为 60.00 元（2026-03 起执行），补发差额',
      '张三 2026-05 difference 1000 2026-05 已发 50.00 元，标准调整为 60.00 元（2026-03 起执行），补发差额',
      '张三 2026-06 regular 6000 ',
    ]);
  });
});
