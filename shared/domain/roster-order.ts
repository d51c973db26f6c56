import { zhCompare } from './collate';

/** What the order of a batch's lines depends on. */
export interface RosterOrdered {
  id: number;
  enrolmentId: number;
  township: string | null;
  village: string | null;
  name: string;
  month: string;
}

/** Each distinct text's place in pinyin order: the collator runs on the few distinct values, not on every comparison. */
function ranks(values: Iterable<string>): Map<string, number> {
  return new Map([...new Set(values)].sort(zhCompare).map((v, i) => [v, i]));
}

/**
 * The one order of a batch's lines: township, village and name by pinyin (blank
 * first), then enrolment, month and line. The grid, the printed roster and the
 * bank file all take their lines in this order, so the 序号 of a payee is the
 * same on paper and in the bank's file. Does not mutate.
 */
export function inRosterOrder<T extends RosterOrdered>(lines: readonly T[]): T[] {
  // A blank township and a missing one are the same place.
  const township = ranks(lines.map((l) => l.township ?? ''));
  const village = ranks(lines.map((l) => l.village ?? ''));
  const name = ranks(lines.map((l) => l.name));
  // The three ranks as one number (exact while the product of the counts stays below 2^53), compared without lookups.
  const n = lines.length;
  const key = new Float64Array(n);
  const scale = Math.max(township.size, village.size, name.size, 1);
  for (let i = 0; i < n; i++) {
    const l = lines[i] as T;
    key[i] =
      ((township.get(l.township ?? '') ?? 0) * scale + (village.get(l.village ?? '') ?? 0)) * scale +
      (name.get(l.name) ?? 0);
  }
  const exact = scale ** 3 < Number.MAX_SAFE_INTEGER;
  const order = Array.from({ length: n }, (_v, i) => i);
  order.sort((i, j) => {
    const a = lines[i] as T;
    const b = lines[j] as T;
    const d = exact ? (key[i] ?? 0) - (key[j] ?? 0) : rankCompare(a, b, township, village, name);
    if (d !== 0) return d;
    return a.enrolmentId - b.enrolmentId || (a.month < b.month ? -1 : a.month > b.month ? 1 : 0) || a.id - b.id;
  });
  return order.map((i) => lines[i] as T);
}

function rankCompare(
  a: RosterOrdered,
  b: RosterOrdered,
  township: Map<string, number>,
  village: Map<string, number>,
  name: Map<string, number>,
): number {
  return (
    (township.get(a.township ?? '') ?? 0) - (township.get(b.township ?? '') ?? 0) ||
    (village.get(a.village ?? '') ?? 0) - (village.get(b.village ?? '') ?? 0) ||
    (name.get(a.name) ?? 0) - (name.get(b.name) ?? 0)
  );
}
