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
  const key = new Map(
    lines.map((l) => [
      l,
      [township.get(l.township ?? '') ?? 0, village.get(l.village ?? '') ?? 0, name.get(l.name) ?? 0],
    ]),
  );
  return [...lines].sort((a, b) => {
    const ka = key.get(a) ?? [];
    const kb = key.get(b) ?? [];
    for (let i = 0; i < 3; i++) {
      const d = (ka[i] ?? 0) - (kb[i] ?? 0);
      if (d !== 0) return d;
    }
    return a.enrolmentId - b.enrolmentId || (a.month < b.month ? -1 : a.month > b.month ? 1 : 0) || a.id - b.id;
  });
}
