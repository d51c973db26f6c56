import { withCheck } from './seed';

/**
 * An elderly roster of `n` new people as a township sends it (csv, UTF-8 with
 * BOM), in the villages of tests/support/seed.ts; every ID valid and distinct.
 */
export function elderlyRosterCsv(n: number, firstSeq = 100): Buffer {
  const villages = ['420102001001', '420102001002', '420102002003'];
  const lines = ['姓名,身份证号,区划代码,申请日期'];
  for (let i = 0; i < n; i++) {
    const k = firstSeq + i;
    // Sequence, then day, month and year of birth: distinct for five million people, all born by 1944.
    const d = Math.floor(k / 1000);
    const year = 1930 + (d % 15);
    const month = String(1 + (Math.floor(d / 15) % 12)).padStart(2, '0');
    const day = String(1 + (Math.floor(d / 180) % 28)).padStart(2, '0');
    const id = withCheck(`420102${String(year)}${month}${day}${String(k % 1000).padStart(3, '0')}`);
    lines.push(`老人${toChinese(k)},${id},${villages[k % 3] ?? ''},2026-01-05`);
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

const DIGITS = '零一二三四五六七八九';
function toChinese(n: number): string {
  return [...String(n)].map((d) => DIGITS[Number(d)] ?? '').join('');
}
