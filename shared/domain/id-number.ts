import { isValidDate, isoDate } from './dates';
import { issue, type FieldIssue } from './issues';

/** GB 11643-1999 weights over the first 17 digits. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '';
}

/** Trim, full-width digits and letters to ASCII, `x` to `X`, inner spaces removed. */
export function normalizeIdInput(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .replace(/x/g, 'X');
}

export interface IdNumber {
  /** The normalised 18-character number. */
  id: string;
  /** As entered, when it differs (an old 15-digit number). */
  original: string | null;
  birthDate: string;
  sex: 'M' | 'F';
}

/** Upgrades a 15-digit number: `19` before the year, the check character appended. */
export function upgrade15(id15: string): string {
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + checkCharacter(first17);
}

/**
 * Validates an ID number as typed or as read from a spreadsheet cell. Numbers that
 * Excel mangled (scientific notation, lost trailing digits) are reported as
 * damaged and never repaired by guessing.
 */
export function parseIdNumber(raw: string): { ok: true; value: IdNumber } | { ok: false; issue: FieldIssue } {
  const input = normalizeIdInput(raw);
  if (input === '') return { ok: false, issue: issue('MISSING_FIELD', '未填写身份证号') };
  if (/^\d(\.\d+)?E\+?\d+$/i.test(input) || /^\d+\.\d+$/.test(input)) {
    return {
      ok: false,
      issue: issue(
        'ID_DAMAGED',
        `身份证号“${raw.trim()}”已被表格软件转成数字格式而损坏，请从原始资料重新录入，不能自动修复`,
      ),
    };
  }
  if (/^\d{16,17}$/.test(input)) {
    return {
      ok: false,
      issue: issue(
        'ID_DAMAGED',
        `身份证号“${input}”只有 ${input.length} 位，末尾数字可能已丢失，请核对原件，不能自动补齐`,
      ),
    };
  }
  // Excel keeps 15 significant digits: an 18-digit number typed as a number ends in 000.
  if (/^\d{15}000$/.test(input) && checkCharacter(input.slice(0, 17)) !== input[17]) {
    return {
      ok: false,
      issue: issue(
        'ID_DAMAGED',
        `身份证号“${input}”末三位为 000 且校验不符，应是表格软件把它当作数字保存时丢失了末尾数字，请核对原件`,
      ),
    };
  }
  let id: string;
  let original: string | null = null;
  if (/^\d{15}$/.test(input)) {
    id = upgrade15(input);
    original = input;
  } else if (/^\d{17}[\dX]$/.test(input)) {
    id = input;
  } else {
    return {
      ok: false,
      issue: issue('ID_FORMAT', `身份证号“${input}”格式不正确：应为 18 位（最后一位可为 X）或旧式 15 位数字`),
    };
  }
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (!isValidDate(y, m, d) || y < 1880) {
    return { ok: false, issue: issue('ID_BIRTHDATE', `身份证号“${id}”中的出生日期 ${id.slice(6, 14)} 不是有效日期`) };
  }
  if (original === null && checkCharacter(id.slice(0, 17)) !== id[17]) {
    return { ok: false, issue: issue('ID_CHECKSUM', `身份证号“${id}”的校验位不正确，请核对是否录错`) };
  }
  return { ok: true, value: { id, original, birthDate: isoDate(y, m, d), sex: Number(id[16]) % 2 === 1 ? 'M' : 'F' } };
}
