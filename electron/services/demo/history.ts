import type Database from 'better-sqlite3-multiple-ciphers';
import { addMonths, monthOf, type Month } from '../../../shared/domain/dates';
import { batchNumber, type PlannedLine } from '../../../shared/domain/payouts';
import { programs } from '../../../shared/domain/programs';
import type { Actor } from '../../db/audit';
import type { WritableStore } from '../../db/store';
import { recordDeath } from '../enrolments/death';
import { LINE_COLUMNS as PAYOUT_LINE_COLUMNS, lineValues } from '../payouts/generate';
import { sumBatchCells } from '../payouts/cells';
import { isPayable, planPayee } from '../payouts/ledger';
import { clearRecoveredMonth } from '../payouts/settle';
import { loadCases, Rates, type EnrolmentCase, type Payee } from '../standards/bulk';
import { addDays, type Rng } from './random';

export interface DemoHistory {
  /** The first and last month paid. */
  from: Month;
  to: Month;
  batches: number;
  lines: number;
  failed: number;
  reissued: number;
  deaths: number;
  recoveries: { pending: number; recovered: number; waived: number };
}

const FAILURES = ['账户已销户', '户名与账号不符', '账户冻结', '账号不存在'] as const;
const SOURCE = '殡葬信息比对';
const CHUNK = 64;
// The live columns of a line, then what the bank answered.
const LINE_COLUMNS = 21;
const insertLines = (rows: number) =>
  `INSERT INTO payout_lines (${PAYOUT_LINE_COLUMNS}, bank_status, bank_reason)
   VALUES ${Array.from({ length: rows }, () => `(${Array<string>(LINE_COLUMNS).fill('?').join(', ')})`).join(', ')}`;

/** A batch is generated on the 5th: an approval after that day is paid from the next month's batch. */
const firstBatchMonth = (approvedOn: string): Month =>
  Number(approvedOn.slice(8, 10)) <= 5 ? monthOf(approvedOn) : addMonths(monthOf(approvedOn), 1);

interface Death {
  idNumber: string;
  personId: number;
  date: string;
  /** The month it reached the office: the month after it for most, two or three months late for some. */
  recorded: Month;
}

/**
 * The demo's money of record: `months` monthly batches per program before
 * today's month, generated on the 5th, locked, exported and returned by the
 * bank, each line planned by the payout engine itself (planPayee), so the next
 * real generation finds nothing owed and nothing overpaid. New entrants are paid
 * from their first batch with back-pay for the months before it; a few elders
 * and disabled persons die, most recorded the month after (the allowance stops),
 * some months late (the months paid after the death become recoveries, some
 * recovered, some waived); a few lines fail at the bank and are reissued the
 * next month to a corrected account. Runs inside the demo's transaction.
 */
export function seedHistory(
  w: WritableStore,
  db: Database.Database,
  actor: Actor,
  rng: Rng,
  today: string,
  exclude: ReadonlySet<number>,
  months = 24,
): DemoHistory {
  const from = addMonths(monthOf(today), -months);
  const to = addMonths(monthOf(today), -1);
  const out: DemoHistory = {
    from,
    to,
    batches: 0,
    lines: 0,
    failed: 0,
    reissued: 0,
    deaths: 0,
    recoveries: { pending: 0, recovered: 0, waived: 0 },
  };

  // Who dies: elders more often than disabled persons, only among those paid since before the history began.
  const deaths: Death[] = [];
  const seen = new Set<number>();
  for (const c of loadCases(w, { programs: ['elderly', 'disability-care'] })) {
    if (seen.has(c.personId) || exclude.has(c.personId) || c.status !== 'active') continue;
    seen.add(c.personId);
    if (!c.enrolment.approvedOn || c.enrolment.approvedOn >= `${from}-01` || !c.payee.bankAccount) continue;
    if (!rng.chance(c.program === 'elderly' ? 0.05 : 0.012)) continue;
    const month = addMonths(from, rng.int(1, months - 3));
    const recorded = addMonths(month, rng.chance(0.15) ? rng.int(2, 3) : 1);
    deaths.push({
      idNumber: c.payee.idNumber,
      personId: c.personId,
      date: `${month}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      recorded,
    });
  }
  const late = new Map<number, Death>();
  for (const d of deaths) {
    // Recorded in time: the stop is in the register before the next batch is planned.
    if (d.recorded === addMonths(monthOf(d.date), 1))
      recordDeath(w, actor, d.idNumber, d.date, `${d.recorded}-03T02:00:00.000Z`, SOURCE);
    else late.set(d.personId, d);
  }
  out.deaths = deaths.length;

  const insertBatch = db.prepare(
    `INSERT INTO payout_batches (batch_no, program, period_from, period_to, status, line_count, total_fen, created_at, created_by,
       generated_at, generated_by, reviewed_at, reviewed_by, locked_at, locked_by, exported_at, exported_by, returned_at, returned_by)
     VALUES (?, ?, ?, ?, 'returned', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertChunk = db.prepare(insertLines(CHUNK));
  const insertChunk1 = db.prepare(insertLines(1));
  // Half a million lines into a table with eight indexes: building each index once afterwards is several times faster.
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'payout_lines' AND sql IS NOT NULL`,
    )
    .all() as Array<{ name: string; sql: string }>;
  for (const i of indexes) db.exec(`DROP INDEX "${i.name}"`);
  const rates = new Rates(w);
  const summed: Array<[number, string]> = [];
  for (const program of programs) {
    // The lines of each batch month: [enrolment, person, line, payee].
    const byBatch = new Map<Month, Array<[number, number, PlannedLine, Payee]>>();
    const byPerson = new Map<number, EnrolmentCase[]>();
    for (const c of loadCases(w, { programs: [program] })) {
      if (!isPayable(c)) continue;
      const list = byPerson.get(c.personId) ?? [];
      list.push(c);
      byPerson.set(c.personId, list);
    }
    for (const [personId, cases] of byPerson) {
      const p = planPayee(rates, cases, undefined, from, { from, to });
      const death = late.get(personId);
      for (const l of p.plan.lines) {
        const enrolmentId = p.enrolmentOf(l.month);
        const approvedOn = cases.find((c) => c.enrolmentId === enrolmentId)?.enrolment.approvedOn ?? `${from}-01`;
        const batch = [l.month, firstBatchMonth(approvedOn), from].reduce((a, b) => (a > b ? a : b));
        // Paid before the late death reached the office; never paid after it.
        if (batch > to || (death && batch > death.recorded)) continue;
        const line: PlannedLine =
          l.month < batch ? { ...l, kind: 'backpay', note: `补发 ${l.month}` } : { ...l, kind: 'regular', note: '' };
        const list = byBatch.get(batch) ?? [];
        list.push([enrolmentId, personId, line, p.latest.payee]);
        byBatch.set(batch, list);
      }
    }

    // Month by month, so that line ids follow time and a failure is reissued in the next batch.
    let failedLast: Array<{ id: number; enrolmentId: number; personId: number; line: PlannedLine; payee: Payee }> = [];
    for (let m = from; m <= to; m = addMonths(m, 1)) {
      const rows = byBatch.get(m) ?? [];
      if (rows.length === 0 && failedLast.length === 0) continue;
      const at = (day: number, hour: number) => `${m}-${String(day).padStart(2, '0')}T0${String(hour)}:00:00.000Z`;
      const u = actor.username;
      const batchId = Number(
        insertBatch.run(
          batchNumber(program, m, 1),
          program,
          m,
          m,
          0,
          0,
          at(5, 1),
          u,
          at(5, 1),
          u,
          at(5, 3),
          u,
          at(6, 2),
          u,
          at(6, 3),
          u,
          at(12, 2),
          u,
        ).lastInsertRowid,
      );
      out.batches++;
      summed.push([batchId, at(12, 2)]);
      let count = 0;
      let total = 0;
      // Lines go in 64 to a statement (the insert is most of the history's time); a failed line goes alone, for its id.
      const buffer: unknown[] = [];
      const flush = () => {
        for (let i = 0; i < buffer.length; i += LINE_COLUMNS * CHUNK) {
          const part = buffer.slice(i, i + LINE_COLUMNS * CHUNK);
          const rows = part.length / LINE_COLUMNS;
          (rows === CHUNK ? insertChunk : db.prepare(insertLines(rows))).run(...part);
        }
        buffer.length = 0;
      };
      const put = (
        enrolmentId: number,
        personId: number,
        l: PlannedLine,
        payee: Payee,
        account: string | null,
        status: 'paid' | 'failed',
        reason: string | null,
      ): number | null => {
        count++;
        total += l.amountFen;
        const values = [batchId, program, ...lineValues(enrolmentId, personId, l, payee, account), status, reason];
        if (status === 'paid') {
          buffer.push(...values);
          return null;
        }
        flush();
        return Number(insertChunk1.run(...values).lastInsertRowid);
      };
      // Last month's failures go again to the account as the register has it now (it was corrected since).
      for (const f of failedLast) {
        const reissue: PlannedLine = {
          ...f.line,
          kind: 'reissue',
          reissueOf: f.id,
          note: `${f.line.month} 原发放失败，账户信息更正后重发`,
        };
        put(f.enrolmentId, f.personId, reissue, f.payee, f.payee.bankAccount, 'paid', null);
        out.reissued++;
      }
      failedLast = [];
      // About one batch in four has a handful of lines the bank sends back (the last month's wait for a correction).
      const failing = rng.chance(0.25) ? Math.max(1, Math.round(rows.length * 0.002)) : 0;
      rows.forEach(([enrolmentId, personId, l, payee], i) => {
        const fails =
          i < failing * 97 && i % 97 === 0 && l.kind === 'regular' && !late.has(personId) && payee.bankAccount;
        if (!fails) {
          put(enrolmentId, personId, l, payee, payee.bankAccount, 'paid', null);
          return;
        }
        // The account the bank refused: the old one, since replaced in the register.
        const account = payee.bankAccount ?? '';
        const last4 = (Number(account.slice(-4)) + rng.int(1, 9998)) % 10000;
        const old = `${account.slice(0, -4)}${String(last4).padStart(4, '0')}`;
        const id = put(enrolmentId, personId, l, payee, old, 'failed', rng.pick([...FAILURES])) ?? 0;
        out.failed++;
        if (m < to) failedLast.push({ id, enrolmentId, personId, line: l, payee });
      });
      flush();
      db.prepare('UPDATE payout_batches SET line_count = ?, total_fen = ? WHERE id = ?').run(count, total, batchId);
      out.lines += count;
    }
  }

  for (const i of indexes) db.exec(i.sql);
  for (const [id, at] of summed) sumBatchCells(w, id, at);

  // The late deaths, recorded when they reached the office: what was paid after them is owed back.
  for (const d of late.values()) {
    const r = recordDeath(w, actor, d.idNumber, d.date, `${d.recorded}-20T02:00:00.000Z`, SOURCE);
    for (const c of r.recoveryCandidates) {
      const rec = db
        .prepare(`SELECT id FROM payout_recoveries WHERE enrolment_id = ? AND month = ? AND status = 'pending'`)
        .get(c.enrolmentId, c.month) as { id: number } | undefined;
      if (!rec) continue;
      const roll = rng.next();
      // Most families pay it back within weeks; the head waives a few; the newest are still open.
      const status = d.recorded >= addMonths(to, -1) || roll < 0.2 ? 'pending' : roll < 0.85 ? 'recovered' : 'waived';
      out.recoveries[status]++;
      if (status === 'pending') continue;
      const on = `${addDays(`${d.recorded}-20`, rng.int(7, 40))}T02:00:00.000Z`;
      db.prepare(
        'UPDATE payout_recoveries SET status = ?, resolved_at = ?, resolved_by = ?, resolved_note = ? WHERE id = ?',
      ).run(status, on, actor.username, status === 'recovered' ? '家属已退回' : '经负责人审批予以核销', rec.id);
      if (status === 'recovered')
        clearRecoveredMonth(w, { id: rec.id, personId: d.personId, enrolmentId: c.enrolmentId, month: c.month });
    }
  }
  return out;
}
