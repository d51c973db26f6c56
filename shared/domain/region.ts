import { issue, type Checked } from './issues';

/**
 * 统计用区划代码, 12 digits: province 2, prefecture 2, county 2, township 3,
 * village 3. A township's own code ends in 000.
 */
export function checkRegionCode(raw: string, countyCode?: string): Checked<string> {
  const code = raw.trim();
  if (!/^\d{12}$/.test(code)) return { ok: false, issue: issue('REGION_FORMAT', `区划代码“${code}”应为 12 位数字`) };
  if (countyCode && !code.startsWith(countyCode)) {
    return { ok: false, issue: issue('REGION_UNKNOWN', `区划代码 ${code} 不属于本县区（${countyCode}）`) };
  }
  return { ok: true, value: code, warnings: [] };
}

export function townshipOf(villageCode: string): string {
  return `${villageCode.slice(0, 9)}000`;
}

export function isTownshipCode(code: string): boolean {
  return /^\d{9}000$/.test(code);
}
