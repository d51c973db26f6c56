import type { DiffRow } from '../../../shared/contract/payouts';
import { formatFen } from '../../../shared/domain/money';
import { rawQuery } from '../../db/raw';
import type { ReadableStore } from '../../db/store';
import { loadCases, Rates } from '../standards/bulk';
import { batchRow } from './queries';

interface Regular {
  enrolmentId: number;
  personId: number;
  name: string;
  township: string | null;
  village: string | null;
  fen: number;
}

function regulars(store: ReadableStore, batchId: number): Map<number, Regular> {
  const rows = store.all(
    rawQuery<Regular>(
      `SELECT enrolment_id AS enrolmentId, person_id AS personId, name, township, village, sum(amount_fen) AS fen
       FROM payout_lines WHERE batch_id = ? AND kind = 'regular' GROUP BY enrolment_id`,
      batchId,
    ),
  );
  return new Map(rows.map((r) => [r.enrolmentId, r]));
}

/**
 * What changed against the program's previous live batch, for the reviewer and
 * the head before they sign: who is new (新增), who is no longer paid (停发) and
 * whose amount changed (金额变化), each with the engine's reason for this period.
 */
export function diffFromPrevious(
  store: ReadableStore,
  batchId: number,
): { previous: string | null; added: DiffRow[]; stopped: DiffRow[]; changed: DiffRow[] } {
  const b = batchRow(store, batchId);
  const prev = store.first(
    store.kysely
      .selectFrom('payout_batches')
      .selectAll()
      .where('program', '=', b.program)
      .where('status', '<>', 'voided')
      .where('period_from', '<', b.period_from)
      .orderBy('period_from', 'desc')
      .limit(1),
  );
  const now = regulars(store, b.id);
  const before = prev ? regulars(store, prev.id) : new Map<number, Regular>();
  const ids = new Set<number>();
  for (const [id, r] of now) if (before.get(id)?.fen !== r.fen) ids.add(id);
  for (const id of before.keys()) if (!now.has(id)) ids.add(id);
  const rates = new Rates(store);
  const why = new Map(
    loadCases(store, { programs: [b.program], enrolmentIds: [...ids] }).map((c) => [
      c.enrolmentId,
      rates.entitlement(c, b.period_from).reason,
    ]),
  );
  const row = (r: Regular, beforeFen: number, afterFen: number, prefix = ''): DiffRow => ({
    enrolmentId: r.enrolmentId,
    personId: r.personId,
    name: r.name,
    township: r.township,
    village: r.village,
    beforeFen,
    afterFen,
    reason: `${prefix}${why.get(r.enrolmentId) ?? ''}`,
  });
  const added: DiffRow[] = [];
  const changed: DiffRow[] = [];
  const stopped: DiffRow[] = [];
  for (const [id, r] of now) {
    const old = before.get(id);
    if (!old) added.push(row(r, 0, r.fen));
    else if (old.fen !== r.fen)
      changed.push(row(r, old.fen, r.fen, `由 ${formatFen(old.fen)} 元调整为 ${formatFen(r.fen)} 元：`));
  }
  for (const [id, r] of before) if (!now.has(id)) stopped.push(row(r, r.fen, 0));
  return { previous: prev?.batch_no ?? null, added, stopped, changed };
}
