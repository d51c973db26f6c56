import { isoDate, isValidDate } from '../dates';
import type { DisabilityCategory, DisabilityGrade } from '../certificate';
import { disabilityCategories } from '../certificate';

/** 2026-06-15, 2026/6/15, 2026.6.15, 2026年6月15日, 20260615; null when not a real date. */
export function parseDateText(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(y, mo, d) ? isoDate(y, mo, d) : null;
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 壹: 1, 贰: 2, 叁: 3, 肆: 4 };

/** 一级, 1级, 1, 壹级, 四 → 1–4; null otherwise. */
export function parseGrade(text: string): DisabilityGrade | null {
  const t = text.replace(/[\s级残疾]/g, '');
  const n = /^[1-4]$/.test(t) ? Number(t) : CHINESE_DIGITS[t];
  return n ? (n as DisabilityGrade) : null;
}

/** 肢体, 肢体残疾, 4 → 4; null otherwise. */
export function parseCategory(text: string): DisabilityCategory | null {
  const t = text.replace(/[\s]/g, '').replace(/残疾$/, '').replace(/类$/, '');
  if (/^[1-7]$/.test(t)) return Number(t) as DisabilityCategory;
  for (const [k, label] of Object.entries(disabilityCategories))
    if (t === label) return Number(k) as DisabilityCategory;
  return null;
}

export type DibaoKind = 'none' | 'urban' | 'rural' | 'edge';

/** 城市低保, 农村低保, 低保边缘, 否/无 → the register's values; 是/有 → `yes` (kind not stated). */
export function parseDibao(text: string): DibaoKind | 'yes' | null {
  const t = text.replace(/\s/g, '');
  if (t === '' || /^(否|无|不是|非低保|—|-)$/.test(t)) return 'none';
  if (/边缘|低收入/.test(t)) return 'edge';
  if (/城市|城镇/.test(t)) return 'urban';
  if (/农村/.test(t)) return 'rural';
  if (/^(是|有|低保|低保户|√)$/.test(t)) return 'yes';
  return null;
}

/** 集中养育 / 社会散居 and their short forms. */
export function parseChildMode(text: string): 'institution' | 'dispersed' | null {
  const t = text.replace(/\s/g, '');
  if (/集中|机构|福利院/.test(t)) return 'institution';
  if (/散居|分散|亲属/.test(t)) return 'dispersed';
  return null;
}

/** A region name without the suffix offices sometimes leave off (光华村 ~ 光华). */
export function regionNameKey(name: string): string {
  return name
    .replace(/[\s\u3000]/g, '')
    .replace(/(街道办事处|街道办|街道|镇|乡|村民委员会|居民委员会|村委会|居委会|社区|村)$/, '');
}
