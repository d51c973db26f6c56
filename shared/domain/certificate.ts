import { issue, type Checked } from './issues';
import { normalizeIdInput } from './id-number';

export const disabilityCategories = {
  1: '视力',
  2: '听力',
  3: '言语',
  4: '肢体',
  5: '智力',
  6: '精神',
  7: '多重',
} as const;
export type DisabilityCategory = keyof typeof disabilityCategories;
export const disabilityGrades = { 1: '一级', 2: '二级', 3: '三级', 4: '四级' } as const;
export type DisabilityGrade = keyof typeof disabilityGrades;

export interface Certificate {
  number: string;
  category: DisabilityCategory;
  grade: DisabilityGrade;
}

export function categoryLabel(c: number): string {
  return disabilityCategories[c as DisabilityCategory] ?? String(c);
}

/**
 * A second-generation certificate number: the holder's 18-character ID, then the
 * category digit (1–7) and the grade digit (1–4).
 */
export function checkCertificate(raw: string, personId: string): Checked<Certificate> {
  const number = normalizeIdInput(raw);
  if (number === '') return { ok: false, issue: issue('MISSING_FIELD', '未填写残疾人证号') };
  if (!/^\d{17}[\dX]\d{2}$/.test(number)) {
    return {
      ok: false,
      issue: issue('CERT_FORMAT', `残疾人证号“${number}”应为 20 位：18 位身份证号加残疾类别和等级各 1 位`),
    };
  }
  if (number.slice(0, 18) !== personId) {
    return {
      ok: false,
      issue: issue('CERT_MISMATCH', `残疾人证号前 18 位 ${number.slice(0, 18)} 与身份证号 ${personId} 不一致`),
    };
  }
  const category = Number(number[18]);
  const grade = Number(number[19]);
  if (!(category in disabilityCategories)) {
    return {
      ok: false,
      issue: issue(
        'CERT_CATEGORY',
        `残疾人证号第 19 位为残疾类别，应为 1–7（视力、听力、言语、肢体、智力、精神、多重），实为 ${category}`,
      ),
    };
  }
  if (!(grade in disabilityGrades))
    return { ok: false, issue: issue('CERT_GRADE', `残疾人证号第 20 位为残疾等级，应为 1–4，实为 ${grade}`) };
  return {
    ok: true,
    value: { number, category: category as DisabilityCategory, grade: grade as DisabilityGrade },
    warnings: [],
  };
}
