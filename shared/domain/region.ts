import { issue, type Checked } from './issues';

/**
 * 统计用区划代码, 12 digits: province 2, prefecture 2, county 2, township 3,
 * village 3. A township's own code ends in 000.
 */
export function checkRegionCode(raw: string, countyCode?: string): Checked<string> {
  const code = normalizeRegionCode(raw);
  if (!/^\d{12}$/.test(code))
    return { ok: false, issue: issue('REGION_FORMAT', `区划代码“${code}”应为 12 位数字（乡镇也可写 9 位）`) };
  if (countyCode && !code.startsWith(countyCode)) {
    return { ok: false, issue: issue('REGION_UNKNOWN', `区划代码 ${code} 不属于本县区（${countyCode}）`) };
  }
  return { ok: true, value: code, warnings: [] };
}

/**
 * Offices write a township as 9 digits (乡级代码: county 6 + township 3); it is
 * the same township as the 12-digit statistical code ending 000.
 */
export function normalizeRegionCode(raw: string): string {
  const code = raw.trim();
  return /^\d{9}$/.test(code) ? `${code}000` : code;
}

export function townshipOf(villageCode: string): string {
  return `${villageCode.slice(0, 9)}000`;
}

export function isTownshipCode(code: string): boolean {
  return /^\d{9}000$/.test(code);
}
