import { defaultElderTiers, programLabels, type Program } from '../programs';
import type { Policy } from './policy';

/**
 * The categories a program pays by (the engine's `category` answers), so a
 * standard can only be set for a category the engine will ever ask for.
 */
const fixedCategories: Record<Exclude<Program, 'elderly'>, readonly string[]> = {
  'disability-living': ['all'],
  'disability-care': ['grade-1', 'grade-2', 'grade-3-4-im'],
  orphan: ['institution', 'dispersed'],
  'unattended-child': ['dispersed'],
};

const fixedLabels: Record<string, string> = {
  all: '统一标准',
  'grade-1': '一级',
  'grade-2': '二级',
  'grade-3-4-im': '三、四级智力/精神',
  institution: '集中养育',
  dispersed: '社会散居',
};

/** The valid categories of `program` under `policy` (elder tiers come from the policy). */
export function standardCategories(program: Program, policy: Pick<Policy, 'elderTiers'>): readonly string[] {
  return program === 'elderly' ? policy.elderTiers.map((t) => t.key) : fixedCategories[program];
}

/** Chinese for a category: "一级", "集中养育", "80–89 岁"; an unknown tier key shows as itself with 岁. */
export function standardCategoryLabel(program: Program, category: string): string {
  if (program === 'elderly') return defaultElderTiers.find((t) => t.key === category)?.label ?? `${category} 岁`;
  return fixedLabels[category] ?? category;
}

/** Null when the category is valid, else the Chinese refusal naming the valid ones. */
export function categoryRefusal(
  program: Program,
  category: string,
  policy: Pick<Policy, 'elderTiers'>,
  month: string,
): string | null {
  const valid = standardCategories(program, policy);
  if (valid.includes(category)) return null;
  const list = valid.map((c) => `${c}（${standardCategoryLabel(program, c)}）`).join('、');
  const when = program === 'elderly' ? `${month} 执行的` : '';
  return `“${programLabels[program]}”没有类别“${category}”，${when}可选类别为：${list}`;
}
