import type { Month } from '../dates';
import type { Program } from '../programs';

/**
 * A rate: for a program and a category (grade, mode or tier), from an effective
 * month on, in fen per month. A later row for the same program and category
 * supersedes an earlier one from its month; history is never rewritten.
 */
export interface StandardRow {
  program: Program;
  /** `all`, `grade-1`, `grade-2`, `grade-3-4-im`, `institution`, `dispersed`, or a tier key such as `80-89`. */
  category: string;
  fromMonth: Month;
  amountFen: number;
}

/** The sample standards of domain.md, effective from January 2000, as demo and test defaults. */
export const sampleStandards: readonly StandardRow[] = [
  { program: 'disability-living', category: 'all', fromMonth: '2000-01', amountFen: 10_000 },
  { program: 'disability-care', category: 'grade-1', fromMonth: '2000-01', amountFen: 15_000 },
  { program: 'disability-care', category: 'grade-2', fromMonth: '2000-01', amountFen: 10_000 },
  { program: 'disability-care', category: 'grade-3-4-im', fromMonth: '2000-01', amountFen: 8_000 },
  { program: 'orphan', category: 'institution', fromMonth: '2000-01', amountFen: 180_000 },
  { program: 'orphan', category: 'dispersed', fromMonth: '2000-01', amountFen: 140_000 },
  { program: 'unattended-child', category: 'dispersed', fromMonth: '2000-01', amountFen: 140_000 },
  { program: 'elderly', category: '80-89', fromMonth: '2000-01', amountFen: 5_000 },
  { program: 'elderly', category: '90-99', fromMonth: '2000-01', amountFen: 10_000 },
  { program: 'elderly', category: '100+', fromMonth: '2000-01', amountFen: 50_000 },
];

/** The row in force for `month`, or null when none has started yet. */
export function standardFor(
  rows: readonly StandardRow[],
  program: Program,
  category: string,
  month: Month,
): StandardRow | null {
  let found: StandardRow | null = null;
  for (const r of rows) {
    if (
      r.program === program &&
      r.category === category &&
      r.fromMonth <= month &&
      (!found || r.fromMonth >= found.fromMonth)
    )
      found = r;
  }
  return found;
}
