import { addMonths, birthdayInYear, monthOf } from '../../../shared/domain/dates';
import { reachesAgeOn } from '../../../shared/domain/programs';
import { luhnDigit, patch, type EnrolmentDraft, type Household } from './people';
import { certificateFor, child, disabledPerson, elder, type DemoContext } from './populations';
import { addDays } from './random';

/**
 * Deliberate problems for the checks page to find, one of each at every scale.
 * The rest of the demo is generated so that it has none of these (apart from
 * children and elders whose birthdays happen to fall next month, as in life):
 *
 * - dead-enrolled          an active old-age allowance of a person with a death date (died 5–7 weeks ago)
 * - child-turning-18       an orphan in dispersed care who turns 18 next month
 * - elder-next-tier        an elder who turns 90 next month (80–89 → 90–99 tier)
 * - expired-certificate    an active care subsidy on a disability certificate that expired months ago
 * - luhn-failure           a care subsidy holder whose 19-digit card number fails the Luhn check
 * - living-and-tekun       a living subsidy holder in 特困 support (dispersed) and no longer in 低保
 * - injury-care-with-care  a care subsidy holder who also receives 工伤保险生活护理费
 * - orphan-with-living     an orphan who also receives the living subsidy (not to be combined)
 */
export const problemLabels = {
  'dead-enrolled': '已登记死亡仍享受高龄津贴',
  'child-turning-18': '孤儿下月年满 18 周岁',
  'elder-next-tier': '老人下月年满 90 周岁，高龄津贴升档',
  'expired-certificate': '残疾人证已过有效期仍享受护理补贴',
  'luhn-failure': '银行卡号未通过校验',
  'living-and-tekun': '特困供养人员享受困难残疾人生活补贴',
  'injury-care-with-care': '领取工伤保险生活护理费又享受护理补贴',
  'orphan-with-living': '孤儿同时享受困难残疾人生活补贴',
} as const;
export type ProblemKind = keyof typeof problemLabels;

export interface PlantedProblem {
  kind: ProblemKind;
  household: Household;
  /** Which of the household's enrolments the problem is about. */
  enrolment: number;
}

/** Makes an enrolment one that has been paying for a while, applied between `from` and `until`. */
function active(ctx: DemoContext, e: EnrolmentDraft | undefined, from: string, until: string): void {
  if (!e) throw new RangeError('planted problem without an enrolment');
  e.status = 'active';
  e.applied_on = ctx.mint.day(from, until);
  e.stamp = ctx.mint.stamp(e.applied_on);
}

export function plantProblems(ctx: DemoContext): PlantedProblem[] {
  const { mint, rng, today } = ctx;
  const longAgo = addDays(today, -400);
  const nextMonth = addMonths(monthOf(today), 1);
  const out: PlantedProblem[] = [];
  const plant = (kind: ProblemKind, household: Household, enrolment = 0) => out.push({ kind, household, enrolment });

  const dead = elder(ctx, mint.birthForAge(86));
  dead.person.death_date = addDays(today, -rng.int(35, 50));
  active(ctx, dead.enrolments[0], reachesAgeOn(dead.person.birth_date, 80), longAgo);
  plant('dead-enrolled', dead);

  const turning18 = child(ctx, 'orphan', 'dispersed', birthdayInYear(`${nextMonth}-15`, -18));
  active(ctx, turning18.enrolments[0], '2016-01-01', longAgo);
  plant('child-turning-18', turning18);

  const nextTier = elder(ctx, birthdayInYear(`${nextMonth}-10`, -90));
  active(ctx, nextTier.enrolments[0], reachesAgeOn(nextTier.person.birth_date, 80), longAgo);
  plant('elder-next-tier', nextTier);

  const expired = disabledPerson(ctx, 'care', 57);
  if (expired.certificate) {
    const issued = addDays(birthdayInYear(today, -10), -rng.int(60, 150));
    patch(expired.certificate, { issued_on: issued, expires_on: addDays(birthdayInYear(issued, 10), -1) });
    active(ctx, expired.enrolments[0], '2016-01-01', longAgo);
  }
  plant('expired-certificate', expired);

  const luhn = disabledPerson(ctx, 'care', 63);
  const card = luhn.person.bank_account ?? mint.card().bank_account;
  // Any other last digit fails: exactly one check digit makes a number pass.
  luhn.person.bank_account = card.slice(0, -1) + String((Number(luhnDigit(card.slice(0, -1))) + 3) % 10);
  active(ctx, luhn.enrolments[0], luhn.certificate?.issued_on ?? '2016-01-01', addDays(today, -90));
  plant('luhn-failure', luhn);

  const tekun = disabledPerson(ctx, 'living', 46);
  patch(tekun.person, { dibao: 'none', tekun: 'dispersed' });
  active(ctx, tekun.enrolments[0], tekun.certificate?.issued_on ?? '2016-01-01', addDays(today, -90));
  plant('living-and-tekun', tekun);

  const injury = disabledPerson(ctx, 'care', 51);
  injury.person.injury_care = 1;
  active(ctx, injury.enrolments[0], injury.certificate?.issued_on ?? '2016-01-01', addDays(today, -90));
  plant('injury-care-with-care', injury);

  const orphan = child(ctx, 'orphan', 'dispersed', mint.birthForAge(12));
  orphan.certificate = certificateFor(ctx, orphan.person, 5, 2);
  patch(orphan.person, { hukou_type: 'rural', dibao: 'rural' });
  const allowance = orphan.enrolments[0];
  active(ctx, allowance, '2016-01-01', longAgo);
  if (!allowance) throw new RangeError('orphan without an enrolment');
  const living: EnrolmentDraft = {
    ...allowance,
    program: 'disability-living',
    child_mode: null,
    guardian_name: null,
    guardian_id_number: null,
    guardian_relation: null,
    guardian_phone: null,
  };
  active(ctx, living, orphan.certificate.issued_on ?? '2016-01-01', addDays(today, -90));
  orphan.enrolments.push(living);
  plant('orphan-with-living', orphan, 1);

  return out;
}
