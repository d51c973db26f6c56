import type { Month } from '../dates';
import type { PayoutKind } from '../payouts';
import type { Program } from '../programs';
import type { RegisterSpan } from './register';
import type { ReportPeriod } from './period';

/**
 * The data of record a report is built from, already grouped by the query:
 * money from lines of committed batches that were not voided, by the batch's
 * month; people from enrolment history; recoveries by the month found or settled.
 */
export interface MoneyFact {
  program: Program;
  /** The month of the batch (its first month, for a batch of a quarter). */
  month: Month;
  kind: PayoutKind;
  /** Returned by the bank as failed: not money paid, shown apart. */
  failed: boolean;
  /** Township name as the locked line recorded it ('' when none). */
  township: string;
  /** The engine's category: grade-1, institution, 80-89, … */
  category: string;
  certCategory: number | null;
  certGrade: number | null;
  lines: number;
  fen: number;
}

export interface PersonFact {
  enrolmentId: number;
  personId: number;
  program: Program;
  name: string;
  idNumber: string;
  township: string;
  village: string;
  sex: 'M' | 'F';
  birthDate: string;
  certCategory: number | null;
  certGrade: number | null;
  childMode: 'institution' | 'dispersed' | null;
  spans: RegisterSpan[];
}

export interface RecoveryFact {
  program: Program;
  /** found: month found; recovered / waived: month settled. */
  event: 'found' | 'recovered' | 'waived';
  month: Month;
  township: string;
  count: number;
  fen: number;
}

export interface ReportFacts {
  money: MoneyFact[];
  people: PersonFact[];
  recoveries: RecoveryFact[];
  /** Township names in the county's order. */
  townships: string[];
  /** Months with at least one committed batch (any program). */
  committedMonths: Set<Month>;
}

export const inPeriod = (m: Month, p: ReportPeriod) => m >= p.from && m <= p.to;

export interface MoneySum {
  fen: number;
  lines: number;
  byKind: Record<PayoutKind, number>;
  failedFen: number;
  failedLines: number;
}

export const emptyMoney = (): MoneySum => ({
  fen: 0,
  lines: 0,
  byKind: { regular: 0, backpay: 0, difference: 0, reissue: 0 },
  failedFen: 0,
  failedLines: 0,
});

/** Paid money (bank failures apart) of the facts in `p` that `keep` accepts. */
export function sumMoney(facts: readonly MoneyFact[], p: ReportPeriod, keep: (f: MoneyFact) => boolean): MoneySum {
  const s = emptyMoney();
  for (const f of facts) {
    if (!inPeriod(f.month, p) || !keep(f)) continue;
    if (f.failed) {
      s.failedFen += f.fen;
      s.failedLines += f.lines;
    } else {
      s.fen += f.fen;
      s.lines += f.lines;
      s.byKind[f.kind] += f.fen;
    }
  }
  return s;
}

export function sumRecoveries(
  facts: readonly RecoveryFact[],
  p: ReportPeriod,
  keep: (f: RecoveryFact) => boolean,
): Record<RecoveryFact['event'], number> {
  const s = { found: 0, recovered: 0, waived: 0 };
  for (const f of facts) if (inPeriod(f.month, p) && keep(f)) s[f.event] += f.fen;
  return s;
}
