import { addMonths, type Month } from '../../../shared/domain/dates';
import type { PayoutKind } from '../../../shared/domain/payouts';
import type { Program } from '../../../shared/domain/programs';
import {
  monthsOf,
  registerSpans,
  type HistoryEvent,
  type MoneyFact,
  type PersonFact,
  type RecoveryFact,
  type ReportFacts,
  type ReportPeriod,
} from '../../../shared/domain/reports';
import { rawQuery } from '../../db/raw';
import type { ReadableStore } from '../../db/store';
import { COMMITTED } from '../payouts/ledger';

/** The months a set of forms reads: the period, its year to date, and both a year earlier. */
export function factsWindow(p: ReportPeriod): ReportPeriod {
  const ytdFrom = `${p.to.slice(0, 4)}-01`;
  const from = addMonths(p.from < ytdFrom ? p.from : ytdFrom, -12);
  return { from, to: p.to };
}

/**
 * Money of record, grouped: lines of committed batches (locked, exported,
 * returned) not voided, by the batch's month, kind, bank result, township and
 * category, read from the cells each batch was summed into at lock and after its
 * bank return (0017). A batch whose cells are not known fresh (a line changed
 * since) is grouped from its lines. `certificates` keeps the disability category
 * and grade, which only the disability form cuts by: the certificate a month
 * was paid under (a batch read from its lines has the enrolment's certificate now).
 * CROSS JOIN keeps the batches as the outer loop: without statistics the
 * planner would scan every line to find the few batches whose cells are stale.
 */
export function moneyFacts(store: ReadableStore, w: ReportPeriod, certificates: boolean): MoneyFact[] {
  const cert = certificates
    ? `LEFT JOIN enrolments e ON e.id = l.enrolment_id LEFT JOIN disability_certificates c ON c.id = e.certificate_id`
    : '';
  const lineCert = certificates ? 'c.category AS cat, c.grade AS grade' : 'NULL AS cat, NULL AS grade';
  const cellCert = certificates ? 'c.cert_category AS cat, c.cert_grade AS grade' : 'NULL AS cat, NULL AS grade';
  const rows = store.all(
    rawQuery<{
      program: Program;
      month: Month;
      kind: PayoutKind;
      failed: number;
      township: string;
      category: string;
      cat: number | null;
      grade: number | null;
      n: number;
      fen: number;
    }>(
      `SELECT program, month, kind, failed, township, category, cat, grade, sum(n) AS n, sum(fen) AS fen FROM (
         SELECT b.program, b.period_from AS month, c.kind, c.failed, c.township, c.category, ${cellCert}, c.lines AS n, c.fen
         FROM payout_batches b JOIN payout_batch_cells c ON c.batch_id = b.id
         WHERE b.status IN ${COMMITTED} AND b.period_from BETWEEN ? AND ? AND b.cells_at IS NOT NULL
         UNION ALL
         SELECT b.program, b.period_from, l.kind, l.bank_status = 'failed', coalesce(l.township, ''), l.category, ${lineCert},
                1, l.amount_fen
         FROM payout_batches b CROSS JOIN payout_lines l ON l.batch_id = b.id ${cert}
         WHERE b.status IN ${COMMITTED} AND b.period_from BETWEEN ? AND ? AND b.cells_at IS NULL AND l.voided = 0
       ) GROUP BY program, month, kind, failed, township, category, cat, grade`,
      w.from,
      w.to,
      w.from,
      w.to,
    ),
  );
  return rows.map((r) => ({
    program: r.program,
    month: r.month,
    kind: r.kind,
    failed: r.failed === 1,
    township: r.township,
    category: r.category,
    certCategory: r.cat,
    certGrade: r.grade,
    lines: r.n,
    fen: r.fen,
  }));
}

/** Money paid (bank failures left out) by program and batch month: all the dashboard's chart needs. */
export function moneyByMonth(
  store: ReadableStore,
  w: ReportPeriod,
): Array<{ program: Program; month: Month; fen: number }> {
  return store.all(
    rawQuery<{ program: Program; month: Month; fen: number }>(
      `SELECT program, month, sum(fen) AS fen FROM (
         SELECT b.program, b.period_from AS month, c.fen
         FROM payout_batches b JOIN payout_batch_cells c ON c.batch_id = b.id
         WHERE b.status IN ${COMMITTED} AND b.period_from BETWEEN ? AND ? AND b.cells_at IS NOT NULL AND c.failed = 0
         UNION ALL
         SELECT b.program, b.period_from, l.amount_fen
         FROM payout_batches b CROSS JOIN payout_lines l ON l.batch_id = b.id
         WHERE b.status IN ${COMMITTED} AND b.period_from BETWEEN ? AND ? AND b.cells_at IS NULL
           AND l.voided = 0 AND l.bank_status <> 'failed'
       ) GROUP BY program, month`,
      w.from,
      w.to,
      w.from,
      w.to,
    ),
  );
}

/** Recoveries found in, and settled in, each month (cancelled ones were never owed). */
export function recoveryFacts(store: ReadableStore, w: ReportPeriod): RecoveryFact[] {
  const rows = store.all(
    rawQuery<{
      program: Program;
      event: RecoveryFact['event'];
      month: Month;
      township: string;
      n: number;
      fen: number;
    }>(
      `SELECT program, event, month, coalesce(t.name, '') AS township, count(*) AS n, sum(amount_fen) AS fen FROM (
         SELECT e.program, 'found' AS event, substr(r.found_at, 1, 7) AS month, r.person_id, r.amount_fen FROM payout_recoveries r
           JOIN enrolments e ON e.id = r.enrolment_id WHERE r.status <> 'cancelled'
         UNION ALL
         SELECT e.program, r.status AS event, substr(r.resolved_at, 1, 7) AS month, r.person_id, r.amount_fen FROM payout_recoveries r
           JOIN enrolments e ON e.id = r.enrolment_id WHERE r.status IN ('recovered', 'waived')
       ) x
       JOIN persons p ON p.id = x.person_id
       LEFT JOIN regions v ON v.code = p.village_code
       LEFT JOIN regions t ON t.code = v.parent_code
       WHERE month BETWEEN ? AND ?
       GROUP BY program, event, month, township`,
      w.from,
      w.to,
    ),
  );
  return rows.map((r) => ({
    program: r.program,
    event: r.event,
    month: r.month,
    township: r.township,
    count: r.n,
    fen: r.fen,
  }));
}

/** Everyone ever on a register, with their stays from the enrolment history and the dimensions reports cut by. */
export function personFacts(store: ReadableStore): PersonFact[] {
  const events = new Map<number, HistoryEvent[]>();
  for (const r of store.all(
    rawQuery<{
      enrolment_id: number;
      kind: string;
      to_status: string | null;
      effective_month: string | null;
      reason: string | null;
      date: string | null;
      at: string;
    }>(
      `SELECT enrolment_id, kind, to_status, effective_month, reason,
              CASE WHEN changes_json IS NULL THEN NULL ELSE json_extract(changes_json, '$.date') END AS date, at
       FROM enrolment_events WHERE kind IN ('created', 'activate', 'resume', 'stop') ORDER BY enrolment_id, id`,
    ),
  )) {
    let list = events.get(r.enrolment_id);
    if (!list) events.set(r.enrolment_id, (list = []));
    list.push({
      kind: r.kind,
      toStatus: r.to_status,
      effectiveMonth: r.effective_month,
      reason: r.reason,
      date: typeof r.date === 'string' ? r.date : null,
      at: r.at,
    });
  }
  const out: PersonFact[] = [];
  for (const r of store.all(
    rawQuery<{
      id: number;
      person_id: number;
      program: Program;
      status: string;
      applied_on: string;
      approved_on: string | null;
      updated_at: string;
      child_mode: 'institution' | 'dispersed' | null;
      name: string;
      id_number: string;
      sex: 'M' | 'F';
      birth_date: string;
      death_date: string | null;
      moved_out_date: string | null;
      township: string;
      village: string;
      cat: number | null;
      grade: number | null;
    }>(
      `SELECT e.id, e.person_id, e.program, e.status, e.applied_on, e.approved_on, e.updated_at, e.child_mode,
              p.name, p.id_number, p.sex, p.birth_date, p.death_date, p.moved_out_date,
              coalesce(t.name, '') AS township, coalesce(v.name, '') AS village, c.category AS cat, c.grade AS grade
       FROM enrolments e JOIN persons p ON p.id = e.person_id
       LEFT JOIN regions v ON v.code = p.village_code
       LEFT JOIN regions t ON t.code = v.parent_code
       LEFT JOIN disability_certificates c ON c.id = e.certificate_id
       WHERE e.status IN ('active', 'suspended', 'stopped')
       ORDER BY e.id`,
    ),
  )) {
    const spans = registerSpans({
      status: r.status,
      appliedOn: r.applied_on,
      approvedOn: r.approved_on,
      updatedAt: r.updated_at,
      deathDate: r.death_date,
      movedOutDate: r.moved_out_date,
      events: events.get(r.id) ?? [],
    });
    if (spans.length === 0) continue;
    out.push({
      enrolmentId: r.id,
      personId: r.person_id,
      program: r.program,
      name: r.name,
      idNumber: r.id_number,
      township: r.township,
      village: r.village,
      sex: r.sex,
      birthDate: r.birth_date,
      certCategory: r.cat,
      certGrade: r.grade,
      childMode: r.child_mode,
      spans,
    });
  }
  return out;
}

export function townshipNames(store: ReadableStore): string[] {
  return store
    .all(rawQuery<{ name: string }>(`SELECT name FROM regions WHERE level = 'township' ORDER BY sort, code`))
    .map((r) => r.name);
}

/** Every month some committed batch covers. */
export function committedMonths(store: ReadableStore): Set<Month> {
  const out = new Set<Month>();
  for (const b of store.all(
    rawQuery<{ period_from: Month; period_to: Month }>(
      `SELECT period_from, period_to FROM payout_batches WHERE status IN ${COMMITTED}`,
    ),
  ))
    for (const m of monthsOf({ from: b.period_from, to: b.period_to })) out.add(m);
  return out;
}

/**
 * Facts read once per state of the database: a manager moving between forms,
 * periods and the dashboard re-reads nothing until something is written.
 * `total_changes()` counts every row this connection changed and `data_version`
 * moves when another connection commits, so any write, audited or not, makes
 * the next read fresh. The facts are never mutated by the forms.
 */
const cache = new WeakMap<ReadableStore, { version: string; entries: Map<string, unknown> }>();
const CACHED = 12;

export function cached<T>(store: ReadableStore, key: string, read: () => T): T {
  return cacheFor(store)(key, read);
}

/** The cache as of now: the database's state is read once, however many facts are then asked for. */
function cacheFor(store: ReadableStore): <T>(key: string, read: () => T) => T {
  const v = store.first(
    rawQuery<{ c: number; d: number }>(
      `SELECT total_changes() AS c, (SELECT data_version FROM pragma_data_version()) AS d`,
    ),
  );
  const version = `${String(v?.c)}:${String(v?.d)}`;
  let slot = cache.get(store);
  if (!slot || slot.version !== version) cache.set(store, (slot = { version, entries: new Map() }));
  const entries = slot.entries;
  return <T>(key: string, read: () => T): T => {
    if (entries.has(key)) return entries.get(key) as T;
    const value = read();
    if (entries.size >= CACHED) entries.delete(entries.keys().next().value as string);
    entries.set(key, value);
    return value;
  };
}

/** Forgets every cached fact (the bench times reads cold). */
export function clearFactsCache(store: ReadableStore): void {
  cache.delete(store);
}

/** Everyone ever on a register (cached per state of the database; see `cached`). */
export function peopleFacts(store: ReadableStore): PersonFact[] {
  return cached(store, 'people', () => personFacts(store));
}

export function loadFacts(store: ReadableStore, p: ReportPeriod, opts: { certificates: boolean }): ReportFacts {
  const w = factsWindow(p);
  const get = cacheFor(store);
  return {
    money: get(`money:${w.from}:${w.to}:${String(opts.certificates)}`, () => moneyFacts(store, w, opts.certificates)),
    people: get('people', () => personFacts(store)),
    recoveries: get(`recoveries:${w.from}:${w.to}`, () => recoveryFacts(store, w)),
    townships: get('townships', () => townshipNames(store)),
    committedMonths: get('committed', () => committedMonths(store)),
  };
}
