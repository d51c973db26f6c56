import type { Program } from './programs';

/**
 * The sample standards of domain.md, in fen per month. They stand in until the
 * county's own rate tables (with effective months) take over in the lifecycle
 * work; nothing pays money from these.
 */
export interface StandardFacts {
  program: Program;
  grade: number | null;
  category: number | null;
  childMode: 'institution' | 'dispersed' | null;
  tier: string | null;
}

export function sampleMonthlyFen(f: StandardFacts): number {
  switch (f.program) {
    case 'disability-living':
      return 10_000;
    case 'disability-care':
      return f.grade === 1 ? 15_000 : f.grade === 2 ? 10_000 : 0;
    case 'orphan':
      return f.childMode === 'institution' ? 180_000 : 140_000;
    case 'unattended-child':
      return 140_000;
    case 'elderly':
      return f.tier === '100+' ? 50_000 : f.tier === '90-99' ? 10_000 : f.tier === '80-89' ? 5_000 : 0;
  }
}
