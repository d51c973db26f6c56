import { addMonths, type Month } from './dates';
import { formatFen } from './money';
import type { Entitlement } from './entitlement';
import type { Program } from './programs';

/**
 * How one enrolment's months become payout lines. Pure: what was entitled each
 * month (from the engine), what live lines already paid, and the batch period
 * go in; the lines to add and the months overpaid come out. The database's
 * unique indexes hold the same rule (no month paid twice) as a second line of
 * defence.
 */

export type PayoutKind = 'regular' | 'backpay' | 'difference' | 'reissue';
export const payoutKindLabels: Record<PayoutKind, string> = {
  regular: '正常发放',
  backpay: '补发',
  difference: '补发差额',
  reissue: '重发',
};
export const payoutKinds = Object.keys(payoutKindLabels) as [PayoutKind, ...PayoutKind[]];

export type PayoutStatus = 'draft' | 'reviewed' | 'locked' | 'exported' | 'returned' | 'voided';
export const payoutStatusLabels: Record<PayoutStatus, string> = {
  draft: '草稿',
  reviewed: '已复核',
  locked: '已锁定',
  exported: '已导出',
  returned: '已回盘',
  voided: '已作废',
};

export type RecoveryStatus = 'pending' | 'recovered' | 'waived' | 'cancelled';
export const recoveryStatusLabels: Record<RecoveryStatus, string> = {
  pending: '待追缴',
  recovered: '已追回',
  waived: '免予追缴',
  cancelled: '已撤销（未多发）',
};

export type PaymentFrequency = 'monthly' | 'quarterly' | 'half-yearly';

/** The months a batch pays: the month itself, or its quarter or half-year where the county pays so. */
export function periodOf(month: Month, frequency: PaymentFrequency): { from: Month; to: Month } {
  const y = month.slice(0, 4);
  const m = Number(month.slice(5, 7));
  const size = frequency === 'monthly' ? 1 : frequency === 'quarterly' ? 3 : 6;
  const first = Math.floor((m - 1) / size) * size + 1;
  const from = `${y}-${String(first).padStart(2, '0')}`;
  return { from, to: addMonths(from, size - 1) };
}

/**
 * The period of the batch holding `month` when the county's frequency may change
 * in the middle of a quarter or half-year: the period under the frequency in
 * force that month, cut to the months paid under that same frequency. Monthly
 * from February after quarterly gives January alone; quarterly from February
 * after monthly gives February and March.
 */
export function periodAt(month: Month, frequencyAt: (m: Month) => PaymentFrequency): { from: Month; to: Month } {
  const f = frequencyAt(month);
  const p = periodOf(month, f);
  let from = month;
  while (from > p.from && frequencyAt(addMonths(from, -1)) === f) from = addMonths(from, -1);
  let to = month;
  while (to < p.to && frequencyAt(addMonths(to, 1)) === f) to = addMonths(to, 1);
  return { from, to };
}

export function monthsFrom(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** A live line already in a batch (not voided). */
export interface PaidLine {
  id: number;
  month: Month;
  kind: PayoutKind;
  amountFen: number;
  bankStatus: 'pending' | 'paid' | 'failed';
  /** The account details the line was sent with (account, holder, name, ID), to tell whether a failed one has been corrected. */
  account: string | null;
  reissueOf: number | null;
  /** In a locked (or later) batch: the money has gone to the bank, so an overpayment must be recovered. */
  committed: boolean;
}

export interface PlannedLine {
  month: Month;
  kind: PayoutKind;
  category: string;
  standardFrom: Month;
  standardFen: number;
  amountFen: number;
  reissueOf: number | null;
  note: string;
}

export interface Overpaid {
  month: Month;
  amountFen: number;
  reason: string;
}

export interface PlanInput {
  /** Months before it were paid outside Welfare Desk (the first batch's period): never back-paid. */
  ledgerStart: Month;
  periodFrom: Month;
  periodTo: Month;
  entitled: (month: Month) => Entitlement;
  /** Live lines: not voided, and not paid back in full by a recovery (a month whose money came back is unpaid again). */
  paid: readonly PaidLine[];
  /** The payee's account details now, in the same form: a failed line is paid again only once they differ. */
  accountNow: string | null;
  /** False when the payee has no bank account: what would be paid waits (`waiting`) and stays payable. */
  hasAccount?: boolean;
  /** Per month, money recoveries brought back while the month's lines stay live (part of what they paid). */
  returned?: ReadonlyMap<Month, number>;
  /** Per month, overpayments the head waived: the payee keeps them, so they are not owed again. */
  waived?: ReadonlyMap<Month, number>;
}

export interface Plan {
  lines: PlannedLine[];
  overpaid: Overpaid[];
  /** Failed lines still waiting for a corrected account. */
  held: Array<{ lineId: number; month: Month }>;
  /** What would be paid if the payee had a bank account: not in the batch, paid by a later one once it is entered. */
  waiting: PlannedLine[];
}

/**
 * One enrolment's plan for a batch, month by month from the ledger start to the
 * period's end: the full amount for a month nobody paid (regular in the period,
 * back-pay before it, a reissue after a bank failure once the account changed),
 * the difference where the entitlement rose after the month was paid, and the
 * overpayment where it fell (a death or stop recorded late). What the payee holds
 * for a month is what live lines paid less what recoveries brought back; what is
 * owed back is what committed batches sent, less what came back or was waived,
 * beyond the entitlement.
 */
export function planEnrolment(input: PlanInput): Plan {
  const plan: Plan = { lines: [], overpaid: [], held: [], waiting: [] };
  const out = input.hasAccount === false ? plan.waiting : plan.lines;
  const byMonth = new Map<Month, PaidLine[]>();
  for (const l of input.paid) {
    const list = byMonth.get(l.month);
    if (list) list.push(l);
    else byMonth.set(l.month, [l]);
  }
  // Reasons are worded only for what is actually owed back: most months owe nothing.
  const recover = (month: Month, amountFen: number, reason: () => string) => {
    if (amountFen > 0) plan.overpaid.push({ month, amountFen, reason: reason() });
  };
  for (let month = input.ledgerStart; month <= input.periodTo; month = addMonths(month, 1)) {
    const lines = byMonth.get(month);
    const returned = input.returned?.get(month) ?? 0;
    const waived = input.waived?.get(month) ?? 0;
    const e = input.entitled(month);
    if (!lines && returned === 0 && waived === 0) {
      // Nothing paid, returned or waived: the full amount if entitled, else nothing (the common case, kept cheap).
      if (e.amountFen <= 0 || !e.standard || !e.category) continue;
      const kind: PayoutKind = month < input.periodFrom ? 'backpay' : 'regular';
      out.push({
        month,
        kind,
        category: e.category,
        standardFrom: e.standard.fromMonth,
        standardFen: e.amountFen,
        amountFen: e.amountFen,
        reissueOf: null,
        note: kind === 'backpay' ? `补发 ${month}` : '',
      });
      continue;
    }
    planMonth(plan, out, input, month, lines ?? [], returned, waived, e, recover);
  }
  return plan;
}

/** One month that has lines, returns or waivers: what to add, hold or recover against them. */
function planMonth(
  plan: Plan,
  out: PlannedLine[],
  input: PlanInput,
  month: Month,
  lines: readonly PaidLine[],
  returned: number,
  waived: number,
  e: Entitlement,
  recover: (month: Month, amountFen: number, reason: () => string) => void,
): void {
  const live = lines.filter((l) => l.bankStatus !== 'failed');
  const base = live.filter((l) => l.kind !== 'difference');
  const paidFen = live.reduce((s, l) => s + l.amountFen, 0) - returned;
  // Lines of a batch not yet locked are corrected by regenerating it, not recovered.
  const sent = live.filter((l) => l.committed).reduce((s, l) => s + l.amountFen, 0) - returned;
  const kept = waived > 0 ? `（其中 ${formatFen(waived)} 元已免予追缴）` : '';
  // A failed line (full or difference) not yet paid again waits until the payee's account details change.
  const repaid = new Set(lines.map((l) => l.reissueOf).filter((x): x is number => x !== null));
  const failedOf = (difference: boolean) =>
    lines
      .filter((l) => (l.kind === 'difference') === difference && l.bankStatus === 'failed' && !repaid.has(l.id))
      .at(-1);
  if (base.length === 0) {
    if (e.amountFen <= 0 || !e.standard || !e.category) {
      // Differences the payee holds over a full payment that failed or was voided are not owed either.
      recover(month, sent - waived, () => `${month} 已发 ${formatFen(sent)} 元${kept}，应发 0.00 元：${e.reason}`);
      return;
    }
    const failed = failedOf(false);
    if (failed && failed.account === input.accountNow) {
      plan.held.push({ lineId: failed.id, month });
      return;
    }
    const kind: PayoutKind = failed ? 'reissue' : month < input.periodFrom ? 'backpay' : 'regular';
    const note =
      kind === 'reissue' ? `${month} 原发放失败，账户信息更正后重发` : kind === 'backpay' ? `补发 ${month}` : '';
    out.push({
      month,
      kind,
      category: e.category,
      standardFrom: e.standard.fromMonth,
      standardFen: e.amountFen,
      amountFen: e.amountFen,
      reissueOf: failed?.id ?? null,
      note,
    });
    // Differences paid on top of a full payment that failed or was voided are now paid twice: recover them.
    if (input.hasAccount !== false)
      recover(
        month,
        sent - waived,
        () =>
          `${month} 已发差额 ${formatFen(sent)} 元${kept}，但该月的正常发放未成功，现按 ${formatFen(e.amountFen)} 元全额${kind === 'reissue' ? '重发' : '补发'}`,
      );
  } else if (e.amountFen > paidFen) {
    if (!e.standard || !e.category) return;
    const failed = failedOf(true);
    if (failed && failed.account === input.accountNow) {
      plan.held.push({ lineId: failed.id, month });
      return;
    }
    out.push({
      month,
      kind: 'difference',
      category: e.category,
      standardFrom: e.standard.fromMonth,
      standardFen: e.amountFen,
      amountFen: e.amountFen - paidFen,
      reissueOf: null,
      note: `${month} 已发 ${formatFen(paidFen)} 元，标准调整为 ${formatFen(e.amountFen)} 元（${e.standard.fromMonth} 起执行），补发差额`,
    });
  } else if (e.amountFen < paidFen) {
    recover(
      month,
      sent - waived - e.amountFen,
      () => `${month} 已发 ${formatFen(sent)} 元${kept}，应发 ${formatFen(e.amountFen)} 元：${e.reason}`,
    );
  }
}

const programCodes: Record<Program, string> = {
  'disability-living': 'SH',
  'disability-care': 'HL',
  orphan: 'GE',
  'unattended-child': 'KT',
  elderly: 'GL',
};

/** 批次号: FF + period + program code + sequence, e.g. FF202611-HL-01. */
export function batchNumber(program: Program, periodFrom: Month, sequence: number): string {
  return `FF${periodFrom.replace('-', '')}-${programCodes[program]}-${String(sequence).padStart(2, '0')}`;
}
