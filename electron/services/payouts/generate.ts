import type { Batch } from '../../../shared/contract/payouts';
import { monthOf, type Month } from '../../../shared/domain/dates';
import { batchNumber, payoutStatusLabels, periodOf, planEnrolment, type Overpaid } from '../../../shared/domain/payout';
import { programLabels, type Program } from '../../../shared/domain/programs';
import { AppError } from '../../errors';
import { NO_JOB, type Job } from '../jobs/runner';
import type { Actor } from '../../db/audit';
import { rawQuery } from '../../db/raw';
import type { Store, WritableStore } from '../../db/store';
import { loadCases, Rates } from '../standards/bulk';
import { batchView, paidLines, payeeKey } from './queries';

const minMonth = (a: Month, b: Month): Month => (a < b ? a : b);

export interface GenerateInput {
  program: Program;
  month: Month;
}

const INSERT_LINES = `INSERT INTO payout_lines (batch_id, enrolment_id, person_id, month, kind, category, standard_from, standard_fen, amount_fen, reissue_of,
  name, id_number, bank_name, bank_account, account_holder, township, village, note)
  SELECT ?, j.value->>0, j.value->>1, j.value->>2, j.value->>3, j.value->>4, j.value->>5, j.value->>6, j.value->>7, j.value->>8,
         j.value->>9, j.value->>10, j.value->>11, j.value->>12, j.value->>13, j.value->>14, j.value->>15, j.value->>16
  FROM json_each(?) j ORDER BY j.key`;
const INSERT_RECOVERY = `INSERT INTO payout_recoveries (enrolment_id, person_id, month, amount_fen, reason, found_at, found_by)
  VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (enrolment_id, month) DO NOTHING`;

/** The batch row for this program and period: the live draft to regenerate, or a new one. Anything past draft is refused. */
function draftFor(
  w: WritableStore,
  actor: Actor,
  program: Program,
  period: { from: Month; to: Month },
  now: string,
): number {
  const live = w.first(
    w.kysely
      .selectFrom('payout_batches')
      .selectAll()
      .where('program', '=', program)
      .where('period_from', '=', period.from)
      .where('status', '<>', 'voided'),
  );
  if (live && live.status !== 'draft') {
    throw new AppError(
      'BATCH_STATE',
      `${programLabels[program]} ${period.from} 已有批次 ${live.batch_no}（${payoutStatusLabels[live.status]}），不能重新生成；如确需重做，请由负责人作废该批次`,
    );
  }
  if (live) {
    w.run(w.kysely.deleteFrom('payout_lines').where('batch_id', '=', live.id));
    w.run(
      w.kysely
        .updateTable('payout_batches')
        .set({ generated_at: now, generated_by: actor.username })
        .where('id', '=', live.id),
    );
    return live.id;
  }
  const sequence =
    w.all(
      w.kysely
        .selectFrom('payout_batches')
        .select('id')
        .where('program', '=', program)
        .where('period_from', '=', period.from),
    ).length + 1;
  return w.run(
    w.kysely.insertInto('payout_batches').values({
      batch_no: batchNumber(program, period.from, sequence),
      program,
      period_from: period.from,
      period_to: period.to,
      status: 'draft',
      line_count: 0,
      total_fen: 0,
      created_at: now,
      created_by: actor.username,
      generated_at: now,
      generated_by: actor.username,
    }),
  ).lastInsertRowid;
}

export interface GenerateResult extends Batch {
  recoveriesFound: number;
}

/**
 * Generates (or regenerates) the draft batch of a program for the period that
 * contains `month`, in one transaction: every approved enrolment is planned month
 * by month from the ledger start, against the live lines of other batches. Two
 * generations never interleave (IMMEDIATE transactions), and the unique indexes
 * would refuse a month paid twice even if they did.
 */
export function generateBatch(
  store: Store,
  actor: Actor,
  input: GenerateInput,
  now: string,
  job: Job = NO_JOB,
): GenerateResult {
  return store.write(actor, (w) => {
    job.step(0, 1, '读取待遇记录');
    const rates = new Rates(w);
    const policy = rates.policy(input.month);
    const period = periodOf(input.month, policy.paymentFrequency);
    // Months before the program's first live batch were paid before Welfare Desk kept the ledger;
    // a new batch may not start before it (a mistyped year would back-pay the whole county).
    const first = w.first(
      w.kysely
        .selectFrom('payout_batches')
        .select((eb) => eb.fn.min('period_from').as('m'))
        .where('program', '=', input.program)
        .where('status', '<>', 'voided'),
    );
    const existing = w.first(
      w.kysely
        .selectFrom('payout_batches')
        .select('id')
        .where('program', '=', input.program)
        .where('period_from', '=', period.from)
        .where('status', '<>', 'voided'),
    );
    if (first?.m && period.from < first.m && !existing) {
      throw new AppError(
        'BATCH_STATE',
        `${programLabels[input.program]}已从 ${first.m} 起在本系统发放，不能再生成更早的 ${period.from} 批次；更早月份如有应发未发，会在下一批次中补发`,
      );
    }
    const batchId = draftFor(w, actor, input.program, period, now);
    const ledgerStart = first?.m && first.m < period.from ? first.m : period.from;
    const paid = paidLines(w, input.program, batchId);
    let lines = 0;
    let total = 0;
    let held = 0;
    const overpaid: Array<Overpaid & { enrolmentId: number; personId: number }> = [];
    const rows: unknown[][] = [];
    const cases = loadCases(w, { programs: [input.program] });
    for (const [i, c] of cases.entries()) {
      // Cancelling rolls the whole transaction back: no draft, no line, no recovery.
      if (i % 256 === 0) job.step(i, cases.length, '计算应发金额');
      // Paid once approved and through 公示: an objection during 公示 must be able to stop it.
      if (!c.enrolment.approvedOn || c.status === 'approved' || c.status === 'publicized') continue;
      const payee = c.payee;
      // Approved in or after the ledger's first month: nothing was paid outside, so back-pay may reach before it.
      const from =
        c.enrolment.approvedOn >= `${ledgerStart}-01`
          ? minMonth(ledgerStart, monthOf(c.enrolment.appliedOn))
          : ledgerStart;
      const plan = planEnrolment({
        ledgerStart: from,
        periodFrom: period.from,
        periodTo: period.to,
        entitled: (m) => rates.entitlement(c, m),
        paid: paid.get(c.enrolmentId) ?? [],
        accountNow: payeeKey(payee),
      });
      held += plan.held.length;
      for (const o of plan.overpaid) overpaid.push({ ...o, enrolmentId: c.enrolmentId, personId: c.personId });
      for (const l of plan.lines) {
        const note = [l.note, payee.bankAccount ? '' : '缺少银行账号'].filter(Boolean).join('；');
        rows.push([
          c.enrolmentId,
          c.personId,
          l.month,
          l.kind,
          l.category,
          l.standardFrom,
          l.standardFen,
          l.amountFen,
          l.reissueOf,
          payee.name,
          payee.idNumber,
          payee.bankName,
          payee.bankAccount,
          payee.holder,
          payee.township,
          payee.village,
          note,
        ]);
        lines++;
        total += l.amountFen;
      }
    }
    job.step(cases.length, cases.length, '写入发放明细');
    // One statement for all lines: SQLite unpacks the JSON itself, far cheaper than a statement per line.
    if (rows.length) w.run(rawQuery(INSERT_LINES, batchId, JSON.stringify(rows)));
    let recoveriesFound = 0;
    for (const o of overpaid)
      recoveriesFound += w.run(
        rawQuery(INSERT_RECOVERY, o.enrolmentId, o.personId, o.month, o.amountFen, o.reason, now, actor.username),
      ).changes;
    w.run(
      w.kysely.updateTable('payout_batches').set({ line_count: lines, total_fen: total }).where('id', '=', batchId),
    );
    const b = w.first(w.kysely.selectFrom('payout_batches').selectAll().where('id', '=', batchId));
    if (!b) throw new AppError('INTERNAL');
    const view = batchView(w, b);
    w.audit({
      action: 'payout.generate',
      entity: 'payout_batch',
      entityId: batchId,
      after: {
        batchNo: b.batch_no,
        program: input.program,
        period: `${period.from}..${period.to}`,
        lines,
        totalFen: total,
        byKind: view.byKind,
        held,
        recoveriesFound,
      },
    });
    return { ...view, recoveriesFound };
  });
}
