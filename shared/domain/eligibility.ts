import { ageOn, birthdayInYear, monthOf } from './dates';
import { ageCountsFrom, elderTierIn, type Policy } from './entitlement';
import { parseIdNumber } from './id-number';
import type { Program } from './programs';

/**
 * Who may be entered for a program, checked the same way wherever an
 * application is made: the register import, the `enrolment.save` channel and
 * the drawer's form all call `eligibilityAtEntry`. The engine decides each
 * month's amount later; this decides whether the application may be filed.
 */
export type EligibilityPolicy = Pick<
  Policy,
  | 'tierFrom'
  | 'elderTiers'
  | 'careForGrade34IntellectualMental'
  | 'livingForDibaoEdge'
  | 'schoolProofExtension'
  | 'schoolProofMaxAge'
>;

export interface EntryFacts {
  program: Program;
  birthDate: string;
  appliedOn: string;
  certificate: { category: number; grade: number } | null;
  /** null: the source does not say (a roster without a 低保 column). */
  dibao: 'none' | 'urban' | 'rural' | 'edge' | null;
  schoolProofUntil: string | null;
}

/** The field an issue belongs on, named as the import and the forms both name it. */
export type EligibilityField = 'idNumber' | 'grade' | 'dibao' | 'schoolProofUntil';

export interface EligibilityIssue {
  field: EligibilityField;
  code: 'NOT_ELIGIBLE' | 'MISSING_FIELD';
  /** Chinese, without the field's label (the caller adds it). */
  message: string;
  severity: 'error' | 'warning';
}

const isChild = (p: Program) => p === 'orphan' || p === 'unattended-child';

export function eligibilityAtEntry(f: EntryFacts, policy: EligibilityPolicy): EligibilityIssue[] {
  const out: EligibilityIssue[] = [];
  const fail = (field: EligibilityField, message: string) =>
    out.push({ field, code: 'NOT_ELIGIBLE', message, severity: 'error' });
  const age = ageOn(f.birthDate, f.appliedOn);
  const month = monthOf(f.appliedOn);
  if (f.program === 'elderly') {
    const first = policy.elderTiers.reduce<{ key: string; minAge: number } | undefined>(
      (lo, t) => (!lo || t.minAge < lo.minAge ? t : lo),
      undefined,
    );
    if (first && elderTierIn(f.birthDate, month, { ...policy, elderTiers: [first] }) === null) {
      const from = ageCountsFrom(f.birthDate, first.minAge, policy);
      fail(
        'idNumber',
        age < first.minAge
          ? `按身份证号，此人申请时 ${age} 岁，未满 ${first.minAge} 周岁，不符合高龄津贴条件（${from} 起可享受）`
          : `按本县规定，高龄津贴满 ${first.minAge} 周岁次月起享受，此人 ${from} 起符合条件，申请月份 ${month} 尚不符合`,
      );
    }
  }
  if (isChild(f.program) && age >= 18) {
    const proof = f.schoolProofUntil;
    const cap = birthdayInYear(f.birthDate, policy.schoolProofMaxAge);
    if (!policy.schoolProofExtension)
      fail('idNumber', `按身份证号，此人申请时已满 18 周岁，本县政策未规定在校学生继续发放`);
    else if (!proof) fail('idNumber', `按身份证号，此人申请时已满 18 周岁；在校就读继续领取的，须填写在校证明有效期`);
    else if (proof < f.appliedOn) fail('schoolProofUntil', `在校证明已于 ${proof} 到期，早于申请日期 ${f.appliedOn}`);
    else if (f.appliedOn >= cap)
      fail('idNumber', `按身份证号，此人申请时已满 ${policy.schoolProofMaxAge} 周岁，超过在校学生继续发放的最高年龄`);
  }
  if (f.program === 'disability-care' && f.certificate && f.certificate.grade > 2) {
    const c = f.certificate;
    const extended = policy.careForGrade34IntellectualMental && (c.category === 5 || c.category === 6);
    if (!extended) fail('grade', `残疾等级为${c.grade}级，护理补贴限一、二级重度残疾人`);
  }
  if (f.program === 'disability-living') {
    if (f.dibao === null)
      out.push({
        field: 'dibao',
        code: 'MISSING_FIELD',
        message: '表中没有低保情况，生活补贴须为低保家庭，请核实',
        severity: 'warning',
      });
    else if (f.dibao === 'none') fail('dibao', '不是低保家庭，不符合生活补贴条件');
    else if (f.dibao === 'edge' && !policy.livingForDibaoEdge)
      fail('dibao', '低保边缘家庭，本县政策未将生活补贴扩大到低保边缘');
  }
  return out;
}

/** What an ID number says about its holder, shown while it is typed (derive, don't ask). */
export interface IdFacts {
  id: string;
  birthDate: string;
  sex: 'M' | 'F';
  age: number;
  /** The 高龄 tier key for the month of `on`, or null below the first tier. */
  tier: string | null;
  addressCode: string;
}

export function idFacts(raw: string, on: string, policy: Pick<Policy, 'tierFrom' | 'elderTiers'>): IdFacts | null {
  const id = parseIdNumber(raw);
  if (!id.ok || id.value.birthDate > on) return null;
  return {
    id: id.value.id,
    birthDate: id.value.birthDate,
    sex: id.value.sex,
    age: ageOn(id.value.birthDate, on),
    tier: elderTierIn(id.value.birthDate, monthOf(on), policy),
    addressCode: id.value.id.slice(0, 6),
  };
}
