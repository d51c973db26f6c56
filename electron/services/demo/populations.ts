import type { DisabilityCategory, DisabilityGrade } from '../../../shared/domain/certificate';
import { birthdayInYear } from '../../../shared/domain/dates';
import { reachesAgeOn, type ChildMode, type ParentSituation } from '../../../shared/domain/programs';
import { GUARDIAN_RELATIONS } from './names';
import {
  enrolmentDraft,
  patch,
  type CertificateDraft,
  type EnrolmentDraft,
  type Household,
  type Mint,
  type PersonDraft,
} from './people';
import { addDays, Weighted, type Rng } from './random';
import type { DemoVillage } from './regions';

/** What every population builder needs: the draws, today, and the children's home. */
export interface DemoContext {
  rng: Rng;
  mint: Mint;
  today: string;
  /** The county's children's home: guardian and account holder of children in institutional care. */
  institution: { name: string; village: DemoVillage; bank_name: string; bank_account: string };
}

type Status = 'active' | 'applied' | 'reviewed';
const STATUSES = new Weighted<Status>([
  ['active', 92],
  ['applied', 4],
  ['reviewed', 4],
]);
/** When each program began: nationally for the subsidies and child allowances, in this county for the old-age allowance. */
const STARTS = {
  disability: '2016-01-01',
  orphan: '2010-11-01',
  'unattended-child': '2019-07-01',
  elderly: '2012-01-01',
} as const;

const later = (a: string, b: string) => (a > b ? a : b);

/** An application date: long ago for records already paying, within the last weeks for pending ones. */
function appliedOn(ctx: DemoContext, from: string, status: Status): string {
  if (status === 'active') return ctx.mint.day(from, addDays(ctx.today, -60));
  return ctx.mint.day(later(from, addDays(ctx.today, -45)), addDays(ctx.today, -1));
}

function enrol(
  ctx: DemoContext,
  program: EnrolmentDraft['program'],
  from: string,
  status: Status = STATUSES.draw(ctx.rng),
): EnrolmentDraft {
  const applied = appliedOn(ctx, from, status);
  return enrolmentDraft(program, status, applied, ctx.mint.stamp(applied));
}

const sexOf = (rng: Rng, maleShare: number): 'M' | 'F' => (rng.chance(maleShare) ? 'M' : 'F');

/** Living subsidy households receive 低保 of their hukou type; a county may extend it to 低保边缘 (edge). */
function dibaoOf(p: PersonDraft): PersonDraft['dibao'] {
  return p.hukou_type === 'urban' ? 'urban' : 'rural';
}

// ---------------------------------------------------------------- disability

const CATEGORIES = new Weighted<DisabilityCategory>([
  [4, 38],
  [1, 10],
  [2, 12],
  [3, 2],
  [5, 12],
  [6, 14],
  [7, 12],
]);
const GRADES_CARE = new Weighted<DisabilityGrade>([
  [1, 40],
  [2, 60],
]);
const GRADES_OTHER = new Weighted<DisabilityGrade>([
  [1, 8],
  [2, 14],
  [3, 36],
  [4, 42],
]);
const DISABILITY_AGES = new Weighted<readonly [number, number]>([
  [[1, 17], 6],
  [[18, 44], 20],
  [[45, 59], 28],
  [[60, 79], 34],
  [[80, 95], 12],
]);

export type DisabilityRole = 'care' | 'living' | 'both' | 'none';

/** A second-generation certificate: issued in the last 9½ years (not before six months of age), valid ten years. */
export function certificateFor(
  ctx: DemoContext,
  p: PersonDraft,
  category: DisabilityCategory,
  grade: DisabilityGrade,
): CertificateDraft {
  const issued = ctx.mint.day(later(addDays(p.birth_date, 180), addDays(ctx.today, -3470)), addDays(ctx.today, -30));
  return {
    number: `${p.id_number}${category}${grade}`,
    category,
    grade,
    issued_on: issued,
    expires_on: addDays(birthdayInYear(issued, 10), -1),
  };
}

/**
 * A certificate holder. Care subsidy holders have grade 1–2 and are never in
 * centralised 特困 care; living subsidy holders get 低保 (a few 低保边缘) and are
 * never 特困. Holders without a subsidy are there as the person index has them.
 */
export function disabledPerson(ctx: DemoContext, role: DisabilityRole, age?: number): Household {
  const { rng, mint } = ctx;
  const [lo, hi] = DISABILITY_AGES.draw(rng);
  const birth = mint.birthForAge(age ?? rng.int(lo, hi));
  const person = mint.person(birth, sexOf(rng, 0.55), { card: role !== 'none' || rng.chance(0.6) });
  const category = CATEGORIES.draw(rng);
  const grade = role === 'care' || role === 'both' ? GRADES_CARE.draw(rng) : GRADES_OTHER.draw(rng);
  const certificate = certificateFor(ctx, person, category, grade);
  const living = role === 'living' || role === 'both';
  if (living) person.dibao = rng.chance(0.92) ? dibaoOf(person) : 'edge';
  else if (rng.chance(0.12)) person.dibao = dibaoOf(person);
  else if (role === 'care' && rng.chance(0.02)) person.tekun = 'dispersed';
  else if (role === 'none' && rng.chance(0.04)) person.tekun = rng.chance(0.75) ? 'dispersed' : 'centralized';
  if (role === 'none' && person.tekun === 'none' && rng.chance(0.003)) person.injury_care = 1;
  const from = later(certificate.issued_on ?? birth, STARTS.disability);
  const enrolments: EnrolmentDraft[] = [];
  if (role === 'care' || role === 'both') enrolments.push(enrol(ctx, 'disability-care', from));
  if (living) {
    const care = enrolments[0];
    // Most apply for both subsidies on one form at the township.
    if (care && rng.chance(0.7)) enrolments.push({ ...care, program: 'disability-living' });
    else enrolments.push(enrol(ctx, 'disability-living', from));
  }
  return { person, certificate, enrolments, stamp: mint.stamp(mint.day(certificate.issued_on ?? birth, ctx.today)) };
}

// ---------------------------------------------------------------- children

const CATEGORY_SITUATIONS = new Weighted<ParentSituation>([
  ['severely-disabled', 25],
  ['severely-ill', 22],
  ['imprisoned', 20],
  ['lost-contact', 25],
  ['guardianship-revoked', 5],
  ['deported', 3],
]);
const EVIDENCE: Record<ParentSituation, string> = {
  dead: '死亡证明',
  missing: '宣告失踪判决书',
  'severely-disabled': '残疾人证（一、二级）',
  'severely-ill': '重特大疾病诊断证明',
  imprisoned: '服刑或强制隔离戒毒证明',
  'lost-contact': '公安机关失联查找回执',
  'guardianship-revoked': '撤销监护资格判决书',
  deported: '遣送出境证明',
  none: '',
};

/** Both parents in a listed category, or one dead or missing and the other in a category. */
function parentSituations(rng: Rng): [ParentSituation, ParentSituation] {
  const a = CATEGORY_SITUATIONS.draw(rng);
  if (rng.chance(0.6)) return [a, CATEGORY_SITUATIONS.draw(rng)];
  const gone: ParentSituation = rng.chance(0.8) ? 'dead' : 'missing';
  return rng.chance(0.5) ? [gone, a] : [a, gone];
}

/**
 * An orphan or 事实无人抚养儿童 under 18. In dispersed care a relative is the
 * guardian and holds the account; in institutional care the children's home is
 * guardian and account holder (one institution account for all its children).
 */
export function child(
  ctx: DemoContext,
  program: 'orphan' | 'unattended-child',
  mode: ChildMode,
  birth?: string,
): Household {
  const { rng, mint } = ctx;
  const born = birth ?? mint.birthForAge(rng.int(0, 17));
  const sex = sexOf(rng, 0.54);
  const institution = mode === 'institution';
  const person = mint.person(born, sex, {
    village: institution ? ctx.institution.village : undefined,
    card: false,
    phoneShare: 0,
  });
  const e = enrol(
    ctx,
    program,
    later(addDays(born, 30), STARTS[program]),
    rng.chance(0.95) ? 'active' : rng.chance(0.5) ? 'applied' : 'reviewed',
  );
  e.child_mode = mode;
  if (institution) {
    person.address = ctx.institution.name;
    person.hukou_type = 'urban';
    patch(person, {
      bank_name: ctx.institution.bank_name,
      bank_account: ctx.institution.bank_account,
      account_holder_name: ctx.institution.name,
    });
    patch(e, { guardian_name: ctx.institution.name, guardian_relation: '机构监护' });
  } else {
    const g = rng.pick(GUARDIAN_RELATIONS);
    const guardian = mint.adult(rng.int(...g.ages), g.sex, g.family ? person.surname : undefined);
    const card = mint.card();
    patch(person, {
      ...card,
      account_holder_name: guardian.name,
      account_holder_id: guardian.idNumber,
      phone: guardian.phone,
    });
    patch(e, {
      guardian_name: guardian.name,
      guardian_id_number: guardian.idNumber,
      guardian_relation: g.relation,
      guardian_phone: guardian.phone,
    });
  }
  if (program === 'unattended-child') {
    const [father, mother] = parentSituations(rng);
    patch(e, {
      father_situation: father,
      mother_situation: mother,
      situation_evidence: `父亲：${EVIDENCE[father]}；母亲：${EVIDENCE[mother]}`,
    });
  }
  return { person, certificate: null, enrolments: [e] };
}

// ---------------------------------------------------------------- elders

/** An elder's allowance runs from reaching 80; someone who turned 80 in the last two months has only just applied. */
export function elder(ctx: DemoContext, birth: string): Household {
  const { rng, mint } = ctx;
  const person = mint.person(birth, sexOf(rng, 0.42), { phoneShare: 0.85 });
  const roll = rng.next();
  if (roll < 0.07) person.dibao = dibaoOf(person);
  else if (roll < 0.1) person.tekun = roll < 0.09 ? 'dispersed' : 'centralized';
  const from = later(reachesAgeOn(birth, 80), STARTS.elderly);
  const status = from > addDays(ctx.today, -60) ? 'applied' : STATUSES.draw(rng);
  return { person, certificate: null, enrolments: [enrol(ctx, 'elderly', from, status)] };
}

/** Ages 80+ thin out year by year; `lo`–`hi` picks the tier. */
const elderAges = new Map<string, Weighted<number>>();
export function elderAge(rng: Rng, lo: number, hi: number): number {
  let table = elderAges.get(`${lo}-${hi}`);
  if (!table) {
    const weights: Array<readonly [number, number]> = [];
    for (let a = lo; a <= hi; a++) weights.push([a, Math.pow(0.86, a - lo)]);
    table = new Weighted(weights);
    elderAges.set(`${lo}-${hi}`, table);
  }
  return table.draw(rng);
}
