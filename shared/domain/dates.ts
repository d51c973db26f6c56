/** Calendar helpers on plain numbers and ISO strings: no time zones, no Date objects. */

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

export function isValidDate(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function isoDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

export function parseIsoDate(s: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isValidDate(y, m, d) ? { y, m, d } : null;
}

/** `YYYY-MM` */
export type Month = string;

export function monthOf(isoDateValue: string): Month {
  return isoDateValue.slice(0, 7);
}

export function parseMonth(s: string): { y: number; m: number } | null {
  const match = /^(\d{4})-(\d{2})$/.exec(s);
  if (!match) return null;
  const [y, m] = [Number(match[1]), Number(match[2])];
  return m >= 1 && m <= 12 ? { y, m } : null;
}

export function addMonths(month: Month, n: number): Month {
  const p = parseMonth(month);
  if (!p) throw new RangeError(`not a month: ${month}`);
  const index = p.y * 12 + (p.m - 1) + n;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

export function compareMonths(a: Month, b: Month): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The date on which someone born on `birth` has their `years`-th birthday. A 29
 * February birthday counts on 28 February in other years (domain rule).
 */
export function birthdayInYear(birth: string, years: number): string {
  const b = parseIsoDate(birth);
  if (!b) throw new RangeError(`not a date: ${birth}`);
  const y = b.y + years;
  const d = b.m === 2 && b.d === 29 && !isLeapYear(y) ? 28 : b.d;
  return isoDate(y, b.m, d);
}

/** Completed years of age on `on` (both ISO dates). */
export function ageOn(birth: string, on: string): number {
  const b = parseIsoDate(birth);
  const o = parseIsoDate(on);
  if (!b || !o) throw new RangeError('not a date');
  let age = o.y - b.y;
  if (birthdayInYear(birth, age) > on) age -= 1;
  return age;
}
