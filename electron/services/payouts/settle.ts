import { addMonths, type Month } from '../../../shared/domain/dates';
import { programs, type Program } from '../../../shared/domain/programs';
import type { Actor } from '../../db/audit';
import { rawQuery } from '../../db/raw';
import type { WritableStore } from '../../db/store';
import { loadCases, Rates } from '../standards/bulk';
import {
  COMMITTED,
  isPayable,
  ledgerStartOf,
  planPayee,
  readLedger,
  type PayeePlan,
  type PersonLedger,
} from './ledger';

export interface RecoveryChange {
  id: number;
  enrolmentId: number;
  personId: number;
  month: Month;
  amountFen: number;
  change: 'added' | 'updated' | 'same' | 'cancelled';
}

const INSERT = `INSERT INTO payout_recoveries (enrolment_id, person_id, month, amount_fen, reason, found_at, found_by)
  VALUES (?, ?, ?, ?, ?, ?, ?)`;

/**
 * Brings a payee's pending recoveries in line with the plan, in the caller's
 * transaction: a month newly overpaid becomes a pending recovery; a pending one
 * follows a later change of the overpaid amount; one no longer overpaid (a stop
 * overturned) is cancelled. Only pending recoveries are touched, each audited:
 * what was recovered or waived stays as it is, and what is owed beyond it
 * becomes a recovery of its own. Months after `to` were not planned and are left.
 */
export function settleRecoveries(
  w: WritableStore,
  actor: Actor,
  now: string,
  p: PayeePlan,
  ledger: PersonLedger | undefined,
  to: Month,
): RecoveryChange[] {
  const out: RecoveryChange[] = [];
  const due = new Set<Month>();
  for (const o of p.plan.overpaid) {
    due.add(o.month);
    const existing = ledger?.pending.get(o.month);
    if (!existing) {
      // Owed under the enrolment that paid the month.
      const enrolmentId =
        ledger?.lines.filter((l) => l.month === o.month && l.committed).at(-1)?.enrolmentId ?? p.enrolmentOf(o.month);
      const id = w.run(
        rawQuery(INSERT, enrolmentId, p.personId, o.month, o.amountFen, o.reason, now, actor.username),
      ).lastInsertRowid;
      w.audit({
        action: 'recovery.add',
        entity: 'enrolment',
        entityId: enrolmentId,
        after: { month: o.month, amountFen: o.amountFen, reason: o.reason },
      });
      out.push({ id, enrolmentId, personId: p.personId, month: o.month, amountFen: o.amountFen, change: 'added' });
      continue;
    }
    const row = { id: existing.id, enrolmentId: existing.enrolmentId, personId: p.personId, month: o.month };
    if (existing.amountFen === o.amountFen) {
      out.push({ ...row, amountFen: o.amountFen, change: 'same' });
      continue;
    }
    w.run(
      w.kysely
        .updateTable('payout_recoveries')
        .set({ amount_fen: o.amountFen, reason: o.reason })
        .where('id', '=', existing.id)
        .where('status', '=', 'pending'),
    );
    w.audit({
      action: 'recovery.update',
      entity: 'enrolment',
      entityId: existing.enrolmentId,
      before: { month: o.month, amountFen: existing.amountFen, reason: existing.reason },
      after: { month: o.month, amountFen: o.amountFen, reason: o.reason },
    });
    out.push({ ...row, amountFen: o.amountFen, change: 'updated' });
  }
  for (const [month, r] of ledger?.pending ?? []) {
    if (month < p.from || month > to || due.has(month)) continue;
    const note = `${month} 经重新核算未多发（待遇已恢复或已更正），无须追缴`;
    w.run(
      w.kysely
        .updateTable('payout_recoveries')
        .set({ status: 'cancelled', resolved_at: now, resolved_by: actor.username, resolved_note: note })
        .where('id', '=', r.id),
    );
    w.audit({
      action: 'recovery.cancel',
      entity: 'enrolment',
      entityId: r.enrolmentId,
      before: { month, amountFen: r.amountFen, status: 'pending' },
      after: { status: 'cancelled', note },
    });
    out.push({
      id: r.id,
      enrolmentId: r.enrolmentId,
      personId: p.personId,
      month,
      amountFen: r.amountFen,
      change: 'cancelled',
    });
  }
  return out;
}

const isProgram = (v: string): v is Program => (programs as readonly string[]).includes(v);

/**
 * After a fact recorded now that changes what a person was owed (a stop, a
 * suspension or its reversal, a move-out, a death): the months committed batches
 * already paid are settled against the engine at once, not at the program's
 * next generation. A person nobody has paid costs one indexed query.
 */
export function settlePerson(w: WritableStore, actor: Actor, personId: number, now: string): RecoveryChange[] {
  const paid = w
    .all(
      rawQuery<{ program: string; last: Month }>(
        `SELECT l.program, max(l.month) AS last FROM payout_lines l JOIN payout_batches b ON b.id = l.batch_id
         WHERE l.person_id = ? AND l.voided = 0 AND b.status IN ${COMMITTED} GROUP BY l.program`,
        personId,
      ),
    )
    .flatMap((r) => (isProgram(r.program) ? [{ program: r.program, last: r.last }] : []));
  if (paid.length === 0) return [];
  const rates = new Rates(w);
  const enrolmentIds = w
    .all(w.kysely.selectFrom('enrolments').select('id').where('person_id', '=', personId))
    .map((e) => e.id);
  const cases = loadCases(w, { programs: paid.map((p) => p.program), enrolmentIds }).filter(isPayable);
  const out: RecoveryChange[] = [];
  for (const { program, last } of paid) {
    const start = ledgerStartOf(w, program);
    const group = cases.filter((c) => c.program === program);
    if (!start || group.length === 0) continue;
    const ledger = readLedger(w, program, { personId }).get(personId);
    const p = planPayee(rates, group, ledger, start, { from: addMonths(last, 1), to: last });
    out.push(...settleRecoveries(w, actor, now, p, ledger, last));
  }
  return out;
}

/**
 * A recovery recorded as 已追回: when what came back for the month covers all
 * that committed batches paid for it, those lines stop being live (the month is
 * unpaid again, so a reinstatement pays it again). Returns the lines cleared.
 */
export function clearRecoveredMonth(
  w: WritableStore,
  r: { id: number; personId: number; enrolmentId: number; month: Month },
): number {
  const program = w.first(w.kysely.selectFrom('enrolments').select('program').where('id', '=', r.enrolmentId))?.program;
  if (!program) return 0;
  const fen = (sql: string) =>
    Math.round(w.first(rawQuery<{ fen: number }>(sql, r.personId, r.month, program))?.fen ?? 0);
  // Recovered for the month, less what earlier clearings already accounted for.
  const back =
    fen(`SELECT total(x.amount_fen) AS fen FROM payout_recoveries x JOIN enrolments e ON e.id = x.enrolment_id
         WHERE x.person_id = ? AND x.month = ? AND e.program = ? AND x.status = 'recovered'`) -
    fen(`SELECT total(amount_fen) AS fen FROM payout_lines
         WHERE person_id = ? AND month = ? AND program = ? AND recovered_by IS NOT NULL`);
  const lines = w.all(
    rawQuery<{ id: number; amount_fen: number }>(
      `SELECT l.id, l.amount_fen FROM payout_lines l JOIN payout_batches b ON b.id = l.batch_id
       WHERE l.person_id = ? AND l.month = ? AND l.program = ?
         AND l.voided = 0 AND l.recovered_by IS NULL AND l.bank_status <> 'failed' AND b.status IN ${COMMITTED}`,
      r.personId,
      r.month,
      program,
    ),
  );
  const sent = lines.reduce((s, l) => s + l.amount_fen, 0);
  if (lines.length === 0 || back < sent) return 0;
  return w.run(
    rawQuery(
      `UPDATE payout_lines SET recovered_by = ? WHERE id IN (SELECT value FROM json_each(?))`,
      r.id,
      JSON.stringify(lines.map((l) => l.id)),
    ),
  ).changes;
}
