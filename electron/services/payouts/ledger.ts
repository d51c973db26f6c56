import { monthOf, type Month } from '../../../shared/domain/dates';
import type { Entitlement } from '../../../shared/domain/entitlement';
import { planEnrolment, type PaidLine, type PayoutKind, type Plan } from '../../../shared/domain/payouts';
import type { Program } from '../../../shared/domain/programs';
import { rawQuery } from '../../db/raw';
import type { ReadableStore } from '../../db/store';
import type { EnrolmentCase, Rates } from '../standards/bulk';

/** Batches whose money has gone (or is going) to the bank: only these can have overpaid anyone. */
export const COMMITTED = `('locked', 'exported', 'returned')`;

/** A live line with the enrolment it was paid under (a person may re-apply in the same program). */
export interface LedgerLine extends PaidLine {
  enrolmentId: number;
}

export interface PendingRecovery {
  id: number;
  enrolmentId: number;
  month: Month;
  amountFen: number;
  reason: string;
}

/** One person's money in one program: what live lines paid, what recoveries brought back or let them keep, and what is still owed. */
export interface PersonLedger {
  lines: LedgerLine[];
  /** Recovered amounts of months whose lines stay live (the money came back only in part). */
  returned: Map<Month, number>;
  waived: Map<Month, number>;
  pending: Map<Month, PendingRecovery>;
}

/** Account, holder, name and ID as one string: a failed line is paid again once any of them has been corrected. */
const PAYEE_KEY = `coalesce(l.bank_account, '') || '|' || coalesce(l.account_holder, '') || '|' || l.name || '|' || l.id_number`;
export const payeeKey = (p: { bankAccount: string | null; holder: string | null; name: string; idNumber: string }) =>
  `${p.bankAccount ?? ''}|${p.holder ?? ''}|${p.name}|${p.idNumber}`;

/**
 * Where the program's payment history in Welfare Desk begins: the first batch
 * past draft that was not voided. A draft is only a proposal: a mistyped year in
 * one must not move the ledger.
 */
export function ledgerStartOf(store: ReadableStore, program: Program): Month | null {
  return (
    store.first(
      store.kysely
        .selectFrom('payout_batches')
        .select((eb) => eb.fn.min('period_from').as('m'))
        .where('program', '=', program)
        .where('status', 'not in', ['draft', 'voided']),
    )?.m ?? null
  );
}

const empty = (): PersonLedger => ({ lines: [], returned: new Map(), waived: new Map(), pending: new Map() });
const add = (m: Map<Month, number>, month: Month, fen: number) => m.set(month, (m.get(month) ?? 0) + fen);

/**
 * The program's ledger by person, in three set queries: live lines (not voided,
 * not brought back in full), recoveries, and the amounts of lines a recovery
 * brought back in full. `exceptBatch` leaves out the draft being regenerated;
 * `personId` narrows it to one person (a stop or a death recorded now).
 */
export function readLedger(
  store: ReadableStore,
  program: Program,
  scope: {
    exceptBatch?: number | null;
    personId?: number;
    /** Only these persons' lines (found by person, not by scanning the program). */
    personIds?: readonly number[];
    /** Only lines of this month or later (found through the batches that can hold them). */
    fromMonth?: Month;
  },
): Map<number, PersonLedger> {
  const person = scope.personId === undefined ? '' : 'AND l.person_id = ?';
  const personParam = scope.personId === undefined ? [] : [scope.personId];
  const narrow = [
    scope.personIds ? 'AND l.person_id IN (SELECT value FROM json_each(?))' : '',
    scope.fromMonth
      ? 'AND l.month >= ? AND l.batch_id IN (SELECT id FROM payout_batches WHERE program = l.program AND period_to >= ?)'
      : '',
  ].join(' ');
  const narrowParams = [
    ...(scope.personIds ? [JSON.stringify(scope.personIds)] : []),
    ...(scope.fromMonth ? [scope.fromMonth, scope.fromMonth] : []),
  ];
  const out = new Map<number, PersonLedger>();
  const of = (personId: number) => {
    let p = out.get(personId);
    if (!p) out.set(personId, (p = empty()));
    return p;
  };
  for (const r of store.all(
    rawQuery<{
      person_id: number;
      enrolment_id: number;
      id: number;
      month: Month;
      kind: PayoutKind;
      amount_fen: number;
      bank_status: PaidLine['bankStatus'];
      account: string | null;
      reissue_of: number | null;
      committed: number;
    }>(
      `SELECT l.person_id, l.enrolment_id, l.id, l.month, l.kind, l.amount_fen, l.bank_status,
              -- Only a failed line's account is compared (was it corrected?): the others need no string built.
              CASE WHEN l.bank_status = 'failed' THEN ${PAYEE_KEY} END AS account, l.reissue_of,
              b.status IN ${COMMITTED} AS committed
       FROM payout_lines l JOIN payout_batches b ON b.id = l.batch_id
       WHERE l.program = ? AND l.voided = 0 AND l.recovered_by IS NULL AND b.id IS NOT ? ${person} ${narrow}
       ORDER BY l.id`,
      program,
      scope.exceptBatch ?? null,
      ...personParam,
      ...narrowParams,
    ),
  )) {
    of(r.person_id).lines.push({
      id: r.id,
      enrolmentId: r.enrolment_id,
      month: r.month,
      kind: r.kind,
      amountFen: r.amount_fen,
      bankStatus: r.bank_status,
      account: r.account,
      reissueOf: r.reissue_of,
      committed: r.committed === 1,
    });
  }
  const recoveries = store.all(
    rawQuery<{
      id: number;
      enrolment_id: number;
      person_id: number;
      month: Month;
      amount_fen: number;
      status: string;
      reason: string;
    }>(
      `SELECT r.id, r.enrolment_id, r.person_id, r.month, r.amount_fen, r.status, r.reason
       FROM payout_recoveries r JOIN enrolments e ON e.id = r.enrolment_id
       WHERE e.program = ? AND r.status <> 'cancelled' ${person.replace('l.', 'r.')}
       ORDER BY r.id`,
      program,
      ...personParam,
    ),
  );
  for (const r of recoveries) {
    const p = of(r.person_id);
    if (r.status === 'recovered') add(p.returned, r.month, r.amount_fen);
    else if (r.status === 'waived') add(p.waived, r.month, r.amount_fen);
    else
      p.pending.set(r.month, {
        id: r.id,
        enrolmentId: r.enrolment_id,
        month: r.month,
        amountFen: r.amount_fen,
        reason: r.reason,
      });
  }
  if (recoveries.some((r) => r.status === 'recovered')) {
    // A month brought back in full has its lines out of the ledger; what came back for them is not returned twice.
    for (const r of store.all(
      rawQuery<{ person_id: number; month: Month; fen: number }>(
        `SELECT l.person_id, l.month, sum(l.amount_fen) AS fen FROM payout_lines l
         WHERE l.recovered_by IS NOT NULL AND l.program = ? ${person} GROUP BY l.person_id, l.month`,
        program,
        ...personParam,
      ),
    )) {
      const p = of(r.person_id);
      const left = (p.returned.get(r.month) ?? 0) - r.fen;
      if (left > 0) p.returned.set(r.month, left);
      else p.returned.delete(r.month);
    }
  }
  return out;
}

/** Paid once approved and through 公示: an objection during 公示 must be able to stop it. */
export const isPayable = (c: EnrolmentCase) =>
  c.enrolment.approvedOn !== null && c.status !== 'approved' && c.status !== 'publicized';

export interface PayeePlan {
  personId: number;
  /** The first month planned. */
  from: Month;
  plan: Plan;
  /** The enrolment whose entitlement a month follows: where a re-application overlaps, the one that pays more. */
  enrolmentOf: (month: Month) => number;
  /** The latest enrolment: the payee as the register says today. */
  latest: EnrolmentCase;
}

/**
 * A person's enrolments in one program planned as one payee, so that a month
 * is paid once whichever enrolment it falls under: each month follows the
 * enrolment entitled to most (the latest on a tie), against every live line of
 * the person in the program.
 */
export function planPayee(
  rates: Rates,
  cases: readonly EnrolmentCase[],
  ledger: PersonLedger | undefined,
  ledgerStart: Month,
  period: { from: Month; to: Month },
  /** The first month that can still plan differently (see horizon.ts); the ledger start when absent. */
  floor?: Month,
): PayeePlan {
  const latest = cases[cases.length - 1];
  if (!latest) throw new RangeError('planPayee needs at least one enrolment');
  // Approved in or after the ledger's first month: nothing was paid outside, so back-pay may reach before it.
  let from = ledgerStart;
  for (const c of cases) {
    const applied = monthOf(c.enrolment.appliedOn);
    if (c.enrolment.approvedOn && c.enrolment.approvedOn >= `${ledgerStart}-01` && applied < from) from = applied;
  }
  if (floor && floor > from) from = floor;
  let entitled: (m: Month) => Entitlement = (m) => rates.entitlement(latest, m);
  let enrolmentOf = (_m: Month) => latest.enrolmentId;
  if (cases.length > 1) {
    const source = new Map<Month, number>();
    entitled = (m) => {
      let best = rates.entitlement(latest, m);
      let id = latest.enrolmentId;
      for (const c of cases) {
        if (c === latest) continue;
        const e = rates.entitlement(c, m);
        if (e.amountFen > best.amountFen) [best, id] = [e, c.enrolmentId];
      }
      source.set(m, id);
      return best;
    };
    enrolmentOf = (m) => source.get(m) ?? latest.enrolmentId;
  }
  const plan = planEnrolment({
    ledgerStart: from,
    periodFrom: period.from,
    periodTo: period.to,
    entitled,
    paid: ledger?.lines ?? [],
    accountNow: payeeKey(latest.payee),
    hasAccount: Boolean(latest.payee.bankAccount),
    ...(ledger ? { returned: ledger.returned, waived: ledger.waived } : {}),
  });
  return { personId: latest.personId, from, plan, enrolmentOf, latest };
}
