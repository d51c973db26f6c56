import { ageOn, birthdayInYear } from './dates';

export const programs = ['disability-living', 'disability-care', 'orphan', 'unattended-child', 'elderly'] as const;
export type Program = (typeof programs)[number];

export const programLabels: Record<Program, string> = {
  'disability-living': '困难残疾人生活补贴',
  'disability-care': '重度残疾人护理补贴',
  orphan: '孤儿基本生活保障金',
  'unattended-child': '事实无人抚养儿童基本生活保障金',
  elderly: '高龄津贴',
};

export const programShortLabels: Record<Program, string> = {
  'disability-living': '生活补贴',
  'disability-care': '护理补贴',
  orphan: '孤儿',
  'unattended-child': '事实无人抚养',
  elderly: '高龄津贴',
};

/** The three register pages and the programs each shows. */
export const registers = {
  disability: { label: '残疾人两项补贴', programs: ['disability-living', 'disability-care'] },
  children: { label: '孤儿保障', programs: ['orphan', 'unattended-child'] },
  elderly: { label: '高龄津贴', programs: ['elderly'] },
} as const satisfies Record<string, { label: string; programs: readonly Program[] }>;
export type Register = keyof typeof registers;

export const childModes = { institution: '集中养育', dispersed: '社会散居' } as const;
export type ChildMode = keyof typeof childModes;

/** Situations that make a parent count for 事实无人抚养儿童. */
export const parentSituations = {
  dead: '死亡',
  missing: '失踪',
  'severely-disabled': '重残',
  'severely-ill': '重病',
  imprisoned: '服刑在押或强制隔离戒毒（6 个月以上）',
  'lost-contact': '失联（6 个月以上）',
  'guardianship-revoked': '被撤销监护资格',
  deported: '被遣送（驱逐）出境',
  none: '无上述情形',
} as const;
export type ParentSituation = keyof typeof parentSituations;

/** Default age tiers of the old-age allowance (a county setting from the lifecycle issue on). */
export const defaultElderTiers = [
  { key: '80-89', label: '80–89 岁', minAge: 80 },
  { key: '90-99', label: '90–99 岁', minAge: 90 },
  { key: '100+', label: '100 岁以上', minAge: 100 },
] as const;

/** The tier for someone's age on `on`, or null below the first tier. */
export function elderTier(
  birthDate: string,
  on: string,
  tiers: readonly { key: string; minAge: number }[] = defaultElderTiers,
): string | null {
  const age = ageOn(birthDate, on);
  let found: string | null = null;
  for (const t of tiers) if (age >= t.minAge) found = t.key;
  return found;
}

/** The date a person reaches an age (29 February counts on 28 February in other years). */
export function reachesAgeOn(birthDate: string, age: number): string {
  return birthdayInYear(birthDate, age);
}
