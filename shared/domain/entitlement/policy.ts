import type { Program } from '../programs';

/**
 * A county's policy settings (domain.md *settings*), with the defaults it ships.
 * Each setting will carry an effective month once policies are stored; the engine
 * takes the policy in force for the month it computes.
 */
export interface Policy {
  /** When an approved enrolment starts paying. */
  start: Record<Program, 'application-month' | 'month-after-approval'>;
  /** A tier applies from the month after reaching its age, or from that month itself. */
  tierFrom: 'month-after-birthday' | 'birthday-month';
  elderTiers: ReadonlyArray<{ key: string; minAge: number }>;
  /** Care subsidy also for grade 3–4 intellectual (5) or mental (6) disability. */
  careForGrade34IntellectualMental: boolean;
  /** Living subsidy also for 低保边缘 households. */
  livingForDibaoEdge: boolean;
  /** Children in full-time education keep the allowance while the school proof is valid, up to this age. */
  schoolProofExtension: boolean;
  schoolProofMaxAge: number;
}

export const defaultPolicy: Policy = {
  start: {
    'disability-living': 'application-month',
    'disability-care': 'application-month',
    orphan: 'month-after-approval',
    'unattended-child': 'month-after-approval',
    elderly: 'application-month',
  },
  tierFrom: 'month-after-birthday',
  elderTiers: [
    { key: '80-89', minAge: 80 },
    { key: '90-99', minAge: 90 },
    { key: '100+', minAge: 100 },
  ],
  careForGrade34IntellectualMental: false,
  livingForDibaoEdge: false,
  schoolProofExtension: true,
  schoolProofMaxAge: 22,
};
