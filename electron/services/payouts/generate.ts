import type { Batch, HeldPayee } from '../../../shared/contract/payouts';
import type { Month } from '../../../shared/domain/dates';
import {
  batchNumber,
  payoutStatusLabels,
  periodAt,
  monthsFrom,
  type PlannedLine,
} from '../../../shared/domain/payouts';
import { programLabels, type Program } from '../../../shared/domain/programs';
import { AppError } from '../../errors';
import { NO_JOB, type Job } from '../jobs/runner';
import type { Actor } from '../../db/audit';
import { rawQuery } from '../../db/raw';
import type { Store, WritableStore } from '../../db/store';
import { loadCases, Rates, type EnrolmentCase, type Payee } from '../standards/bulk';
import { isPayable, ledgerStartOf, planPayee, readLedger } from './ledger';
import { horizonOf } from './horizon';
import { batchRow, batchView, type BatchRow } from './queries';
import { settleRecoveries } from './settle';

export interface GenerateInput {
  program: Program;
  month: Month;
}

/** The columns of a payout line as written, in the order `lineValues` gives them after `batch_id, program`. */
export const LINE_COLUMNS = `batch_id, program, enrolment_id, person_id, month, kind, category, standard_from, standard_fen, amount_fen, reissue_of,
  name, id_number, bank_name, bank_account, account_holder, township, village, note`;

/** One planned line with its payee, as the values after `batch_id, program` (the demo's history writes the same). */
export function lineValues(
  enrolmentId: number,
  personId: number,
  l: PlannedLine,
  payee: Payee,
  account: string | null = payee.bankAccount,
): unknown[] {
  return [
    enrolmentId,
    personId,
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
    account,
    payee.holder,
    payee.township,
    payee.village,
    l.note,
  ];
}
const LINE_WIDTH = 19;
// Lines per statement: one prepared multi-row statement reused for every full chunk (19 × 200 parameters).
const CHUNK = 200;
const statements = new Map<number, string>();
function insertLines(rows: number): string {
  let sql = statements.get(rows);
  if (!sql) {
    const one = `(${Array.from({ length: LINE_WIDTH }, () => '?').join(',')})`;
    sql = `INSERT INTO payout_lines (${LINE_COLUMNS}) VALUES ${Array.from({ length: rows }, () => one).join(',')}`;
    statements.set(rows, sql);
  }
  return sql;
}

/** Writes the lines in the order given (their ids follow it), a chunk per statement. */
function writeLines(w: WritableStore, batchId: number, program: Program, rows: readonly unknown[][]): void {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const params: unknown[] = [];
    const end = Math.min(rows.length, i + CHUNK);
    for (let j = i; j < end; j++) params.push(batchId, program, ...(rows[j] ?? []));
    w.run(rawQuery(insertLines(end - i), ...params));
  }
}

const periodText = (p: { from: Month; to: Month }) => (p.from === p.to ? p.from : `${p.from} 至 ${p.to}`);

/**
 * The live batch this generation regenerates (a draft of the same program and
 * period start), after the refusals: a batch past draft, a period before the
 * ledger, or months another live batch already holds (a frequency switched in
 * the middle of a quarter), each named.
 */
function liveBatchFor(
  w: WritableStore,
  program: Program,
  period: { from: Month; to: Month },
  ledgerStart: Month | null,
): BatchRow | undefined {
  const live = w.all(
    w.kysely
      .selectFrom('payout_batches')
      .selectAll()
      .where('program', '=', program)
      .where('status', '<>', 'voided')
      .where('period_from', '<=', period.to)
      .where('period_to', '>=', period.from),
  );
  const same = live.find((b) => b.period_from === period.from);
  if (same && same.status !== 'draft') {
    throw new AppError(
      'BATCH_STATE',
      `${programLabels[program]} ${same.period_from} 已有批次 ${same.batch_no}（${payoutStatusLabels[same.status]}），不能重新生成；如确需重做，请由负责人作废该批次`,
    );
  }
  // Months before the program's first committed batch were paid before Welfare Desk kept the ledger;
  // a new batch may not start before it (a mistyped year would back-pay the whole county).
  if (ledgerStart && period.from < ledgerStart && !same) {
    throw new AppError(
      'BATCH_STATE',
      `${programLabels[program]}已从 ${ledgerStart} 起在本系统发放，不能再生成更早的 ${period.from} 批次；更早月份如有应发未发，会在下一批次中补发`,
    );
  }
  const other = live.find((b) => b !== same);
  if (other) {
    const months = monthsFrom(period.from, period.to).filter((m) => other.period_from <= m && m <= other.period_to);
    throw new AppError(
      'BATCH_STATE',
      `${programLabels[program]} ${months.join('、')} 已在批次 ${other.batch_no}（${periodText({ from: other.period_from, to: other.period_to })}，${payoutStatusLabels[other.status]}）中，不能再生成 ${periodText(period)} 的批次${other.status === 'draft' ? `；发放周期已调整，请先重新生成该草稿批次（按 ${other.period_from} 生成），或将其删除后再生成` : '；这些月份不会重复发放'}`,
      { months, batchNo: other.batch_no },
    );
  }
  return same;
}

export interface GenerateResult extends Batch {
  recoveriesFound: number;
  heldOut: HeldPayee[];
}

/**
 * Generates (or regenerates) the draft batch of a program for the period that
 * contains `month`, in one transaction: every approved enrolment is planned month
 * by month from the ledger start, a person's enrolments in the program as one
 * payee, against the live lines of other batches; overpaid months settle the
 * pending recoveries. Payees without a bank account are held out and listed.
 * A period with nothing to pay leaves no draft and is refused with BATCH_EMPTY
 * (after removing a draft that no longer pays anything, and recording any
 * recoveries found). Two generations never interleave (IMMEDIATE transactions),
 * and the unique indexes would refuse a month paid twice even if they did.
 */
export function generateBatch(
  store: Store,
  actor: Actor,
  input: GenerateInput,
  now: string,
  job: Job = NO_JOB,
  /** `fullLedger` plans every payee from the ledger start against all lines (the tests' reference). */
  opts: { fullLedger?: boolean } = {},
): GenerateResult {
  const result = store.write(actor, (w): GenerateResult | { empty: string; details: Record<string, unknown> } => {
    job.step(0, 1, '读取待遇记录');
    const rates = new Rates(w);
    const period = periodAt(input.month, (m) => rates.policy(m).paymentFrequency);
    const first = ledgerStartOf(w, input.program);
    const existing = liveBatchFor(w, input.program, period, first);
    const ledgerStart = first && first < period.from ? first : period.from;
    const byPerson = new Map<number, EnrolmentCase[]>();
    for (const c of loadCases(w, { programs: [input.program] })) {
      if (!isPayable(c)) continue;
      const list = byPerson.get(c.personId) ?? [];
      list.push(c);
      byPerson.set(c.personId, list);
    }
    const exceptBatch = existing?.id ?? null;
    let horizon = opts.fullLedger ? null : horizonOf(w, input.program, exceptBatch);
    if (horizon && horizon.from > period.from) horizon = null;
    if (horizon) {
      // Payees without an account have months waiting: they are listed with all of them.
      for (const [personId, cases] of byPerson)
        if (!cases[cases.length - 1]?.payee.bankAccount) horizon.marked.add(personId);
    }
    const ledgers = horizon
      ? readLedger(w, input.program, { exceptBatch, fromMonth: horizon.from })
      : readLedger(w, input.program, { exceptBatch });
    if (horizon?.marked.size) {
      for (const personId of horizon.marked) ledgers.delete(personId);
      for (const [personId, l] of readLedger(w, input.program, { exceptBatch, personIds: [...horizon.marked] }))
        ledgers.set(personId, l);
    }
    let total = 0;
    let held = 0;
    let recoveriesFound = 0;
    let recoveriesCancelled = 0;
    const heldOut: HeldPayee[] = [];
    const rows: unknown[][] = [];
    let i = 0;
    for (const [personId, cases] of byPerson) {
      // Cancelling rolls the whole transaction back: no draft, no line, no recovery.
      if (i++ % 256 === 0) job.step(i, byPerson.size, '计算应发金额');
      const ledger = ledgers.get(personId);
      const floor = horizon && !horizon.marked.has(personId) ? horizon.from : undefined;
      const p = planPayee(rates, cases, ledger, ledgerStart, period, floor);
      held += p.plan.held.length;
      for (const r of settleRecoveries(w, actor, now, p, ledger, period.to)) {
        if (r.change === 'added' || r.change === 'updated') recoveriesFound++;
        if (r.change === 'cancelled') recoveriesCancelled++;
      }
      const payee = p.latest.payee;
      if (p.plan.waiting.length > 0)
        heldOut.push({
          enrolmentId: p.latest.enrolmentId,
          personId,
          name: payee.name,
          township: payee.township,
          village: payee.village,
          months: [...new Set(p.plan.waiting.map((l) => l.month))],
          amountFen: p.plan.waiting.reduce((s, l) => s + l.amountFen, 0),
          reason: '缺少银行账号',
        });
      for (const l of p.plan.lines) {
        rows.push(lineValues(p.enrolmentOf(l.month), personId, l, payee));
        total += l.amountFen;
      }
    }
    job.step(byPerson.size, byPerson.size, '写入发放明细');
    const summary = { held, recoveriesFound, recoveriesCancelled, heldOut: heldOut.length };
    if (existing) w.run(w.kysely.deleteFrom('payout_lines').where('batch_id', '=', existing.id));
    if (rows.length === 0) {
      const label = `${programLabels[input.program]} ${periodText(period)}`;
      const message = [
        `${label} 没有应发放的款项，未生成批次`,
        existing ? `原草稿批次 ${existing.batch_no} 已删除` : '',
        heldOut.length
          ? `${String(heldOut.length)} 人缺少银行账号暂缓发放（${heldOut
              .slice(0, 5)
              .map((h) => h.name)
              .join('、')}${heldOut.length > 5 ? '等' : ''}），补录账号后由下一批次补发`
          : '',
        recoveriesFound ? `发现 ${String(recoveriesFound)} 个月多发，已列入追缴记录` : '',
      ]
        .filter(Boolean)
        .join('；');
      const details = { program: input.program, period: periodText(period), ...summary, heldOutPayees: heldOut };
      // Nothing changed: refuse inside the transaction. Otherwise keep what changed (a stale draft gone, recoveries) and say so after.
      if (!existing && recoveriesFound === 0 && recoveriesCancelled === 0)
        throw new AppError('BATCH_EMPTY', message, details);
      if (existing) w.run(w.kysely.deleteFrom('payout_batches').where('id', '=', existing.id));
      w.audit({
        action: 'payout.generate',
        entity: 'payout_batch',
        entityId: existing?.id ?? `${input.program}:${period.from}`,
        ...(existing ? { before: { batchNo: existing.batch_no, status: 'draft' } } : {}),
        after: {
          empty: true,
          program: input.program,
          period: periodText(period),
          removedDraft: existing?.batch_no ?? null,
          ...summary,
        },
      });
      return { empty: message, details };
    }
    const values = {
      period_to: period.to,
      line_count: rows.length,
      total_fen: total,
      held_json: JSON.stringify(heldOut),
      generated_at: now,
      generated_by: actor.username,
    };
    let batchId: number;
    if (existing) {
      // A draft made before the frequency changed takes the period as it is now.
      w.run(w.kysely.updateTable('payout_batches').set(values).where('id', '=', existing.id));
      batchId = existing.id;
    } else {
      const sequence =
        w.all(
          w.kysely
            .selectFrom('payout_batches')
            .select('id')
            .where('program', '=', input.program)
            .where('period_from', '=', period.from),
        ).length + 1;
      batchId = w.run(
        w.kysely.insertInto('payout_batches').values({
          ...values,
          batch_no: batchNumber(input.program, period.from, sequence),
          program: input.program,
          period_from: period.from,
          status: 'draft',
          created_at: now,
          created_by: actor.username,
        }),
      ).lastInsertRowid;
    }
    writeLines(w, batchId, input.program, rows);
    const b = batchRow(w, batchId);
    const view = batchView(w, b);
    w.audit({
      action: 'payout.generate',
      entity: 'payout_batch',
      entityId: batchId,
      after: {
        batchNo: b.batch_no,
        program: input.program,
        period: `${period.from}..${period.to}`,
        lines: rows.length,
        totalFen: total,
        byKind: view.byKind,
        ...summary,
        heldOutFen: heldOut.reduce((s, h) => s + h.amountFen, 0),
      },
    });
    return { ...view, recoveriesFound, heldOut };
  });
  if ('empty' in result) throw new AppError('BATCH_EMPTY', result.empty, result.details);
  return result;
}
