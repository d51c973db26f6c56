import { addMonths, birthdayInYear, monthOf, type Month } from '../dates';
import { programLabels, type Program } from '../programs';
import { formatFen } from '../money';
import type { Policy } from './policy';
import { standardFor, type StandardRow } from './standards';

export interface PersonFacts {
  birthDate: string;
  deathDate: string | null;
  movedOutDate: string | null;
  dibao: 'none' | 'urban' | 'rural' | 'edge';
  tekun: 'none' | 'centralized' | 'dispersed';
  injuryCare: boolean;
}

export interface EnrolmentFacts {
  program: Program;
  appliedOn: string;
  /** County approval; nothing is paid before it. */
  approvedOn: string | null;
  /** Stops and suspensions: from the first month not paid until the first month paid again (null: not resumed). */
  pauses: ReadonlyArray<{ fromMonth: Month; untilMonth: Month | null }>;
  certificate: { category: number; grade: number; expiresOn: string | null } | null;
  childMode: 'institution' | 'dispersed' | null;
  schoolProofUntil: string | null;
}

export const entitlementCodes = [
  'ENTITLED',
  'NOT_APPROVED',
  'NOT_STARTED',
  'PAUSED',
  'DECEASED',
  'MOVED_OUT',
  'BELOW_AGE',
  'AGED_OUT',
  'CERT_EXPIRED',
  'NOT_ELIGIBLE',
  'EXCLUDED',
  'NO_STANDARD',
] as const;
export type EntitlementCode = (typeof entitlementCodes)[number];

export interface Entitlement {
  month: Month;
  amountFen: number;
  code: EntitlementCode;
  /** Chinese, for the clerk and the payout line's note. */
  reason: string;
  category: string | null;
  standard: StandardRow | null;
}

export interface EntitlementInput {
  person: PersonFacts;
  enrolment: EnrolmentFacts;
  /** The person's other enrolments, for the rules on what cannot be combined. */
  others: readonly EnrolmentFacts[];
  standards: readonly StandardRow[];
  policy: Policy;
  month: Month;
}

const none = (month: Month, code: EntitlementCode, reason: string, category: string | null = null): Entitlement => ({
  month,
  amountFen: 0,
  code,
  reason,
  category,
  standard: null,
});

/** The month a tier (or any age) starts to count under the policy. */
export function ageCountsFrom(birthDate: string, age: number, policy: Pick<Policy, 'tierFrom'>): Month {
  const reached = monthOf(birthdayInYear(birthDate, age));
  return policy.tierFrom === 'birthday-month' ? reached : addMonths(reached, 1);
}

export function elderTierIn(
  birthDate: string,
  month: Month,
  policy: Pick<Policy, 'tierFrom' | 'elderTiers'>,
): string | null {
  let tier: string | null = null;
  for (const t of policy.elderTiers) if (ageCountsFrom(birthDate, t.minAge, policy) <= month) tier = t.key;
  return tier;
}

/** The category under which a program pays this enrolment in `month`, or why it pays nothing. */
function category(input: EntitlementInput): string | Entitlement {
  const { person, enrolment: e, policy, month } = input;
  switch (e.program) {
    case 'elderly': {
      const tier = elderTierIn(person.birthDate, month, policy);
      const first = policy.elderTiers[0];
      return (
        tier ??
        none(
          month,
          'BELOW_AGE',
          `未满 ${first?.minAge ?? 80} 周岁（${first ? ageCountsFrom(person.birthDate, first.minAge, policy) : ''} 起享受）`,
        )
      );
    }
    case 'orphan':
    case 'unattended-child': {
      const adult = monthOf(birthdayInYear(person.birthDate, 18));
      if (month > adult) {
        const proof = e.schoolProofUntil ? monthOf(e.schoolProofUntil) : null;
        const cap = monthOf(birthdayInYear(person.birthDate, policy.schoolProofMaxAge));
        if (!policy.schoolProofExtension || !proof || month > proof || month > cap) {
          return none(
            month,
            'AGED_OUT',
            `已于 ${adult} 年满 18 周岁${proof ? `，在校证明有效期至 ${e.schoolProofUntil}` : '，无有效在校证明'}`,
          );
        }
      }
      if (e.program === 'unattended-child') return 'dispersed';
      return e.childMode ?? 'dispersed';
    }
    case 'disability-living':
    case 'disability-care': {
      const cert = e.certificate;
      if (!cert) return none(month, 'NOT_ELIGIBLE', '没有有效的残疾人证');
      if (cert.expiresOn && month > monthOf(cert.expiresOn))
        return none(month, 'CERT_EXPIRED', `残疾人证已于 ${cert.expiresOn} 到期`);
      if (e.program === 'disability-living') {
        if (person.tekun !== 'none') return none(month, 'EXCLUDED', '特困供养人员不享受困难残疾人生活补贴');
        if (person.dibao === 'none' || (person.dibao === 'edge' && !policy.livingForDibaoEdge))
          return none(month, 'NOT_ELIGIBLE', '家庭不是低保户');
        const child = input.others.find((o) => o.program === 'orphan' || o.program === 'unattended-child');
        if (child && entitlement({ ...input, enrolment: child, others: [] }).amountFen > 0) {
          return none(month, 'EXCLUDED', `已享受${programLabels[child.program]}，不可兼得`);
        }
        return 'all';
      }
      if (person.injuryCare) return none(month, 'EXCLUDED', '已领取工伤保险生活护理费，不可兼得');
      if (person.tekun === 'centralized')
        return none(month, 'EXCLUDED', '特困人员集中供养，由机构提供照料，不享受护理补贴');
      if (cert.grade === 1 || cert.grade === 2) return `grade-${cert.grade}`;
      if (policy.careForGrade34IntellectualMental && (cert.category === 5 || cert.category === 6))
        return 'grade-3-4-im';
      return none(month, 'NOT_ELIGIBLE', `残疾等级为${cert.grade}级，护理补贴限一、二级`);
    }
  }
}

/**
 * The amount one enrolment is entitled to in one month, and why. Pure: the same
 * facts always give the same answer. This is the only place money is computed.
 */
export function entitlement(input: EntitlementInput): Entitlement {
  const { person, enrolment: e, policy, month } = input;
  if (!e.approvedOn) return none(month, 'NOT_APPROVED', '尚未审批');
  let start =
    policy.start[e.program] === 'application-month' ? monthOf(e.appliedOn) : addMonths(monthOf(e.approvedOn), 1);
  if (e.program === 'elderly' && policy.elderTiers[0]) {
    const tierStart = ageCountsFrom(person.birthDate, policy.elderTiers[0].minAge, policy);
    if (tierStart > start) start = tierStart;
  }
  if (month < start) return none(month, 'NOT_STARTED', `${start} 起享受`);
  // A stop takes effect from the month after the event: the month of death or moving out is still paid.
  if (person.deathDate && month > monthOf(person.deathDate))
    return none(month, 'DECEASED', `已于 ${person.deathDate} 死亡，次月起停发`);
  if (person.movedOutDate && month > monthOf(person.movedOutDate))
    return none(month, 'MOVED_OUT', `户籍已于 ${person.movedOutDate} 迁出本县，次月起停发`);
  const pause = e.pauses.find((p) => p.fromMonth <= month && (p.untilMonth === null || month < p.untilMonth));
  if (pause)
    return none(
      month,
      'PAUSED',
      `自 ${pause.fromMonth} 起停发${pause.untilMonth ? `，${pause.untilMonth} 起恢复` : ''}`,
    );
  const cat = category(input);
  if (typeof cat !== 'string') return cat;
  const standard = standardFor(input.standards, e.program, cat, month);
  if (!standard)
    return none(month, 'NO_STANDARD', `${programLabels[e.program]}（${cat}）在 ${month} 没有执行标准`, cat);
  return {
    month,
    amountFen: standard.amountFen,
    code: 'ENTITLED',
    reason: `按${programLabels[e.program]}（${cat}）标准 ${formatFen(standard.amountFen)} 元/月（${standard.fromMonth} 起执行）`,
    category: cat,
    standard,
  };
}
