import { isoDate, parseIsoDate } from '../../../shared/domain/dates';

/**
 * A small seeded PRNG (mulberry32) with the draws the demo needs. Math.random
 * would make two runs with the same seed differ, and the demo must be
 * reproducible: tests compare digests, and a bug report can name its seed.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** `digits` random decimal digits as a string (leading zeros kept). */
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }
}

/** Draws from `[item, weight]` pairs; the cumulative table is built once per list. */
export class Weighted<T> {
  private readonly items: T[];
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(pairs: ReadonlyArray<readonly [T, number]>) {
    this.items = pairs.map(([item]) => item);
    let sum = 0;
    this.cumulative = pairs.map(([, w]) => (sum += w));
    this.total = sum;
  }

  draw(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    const item = this.items[lo];
    if (item === undefined) throw new RangeError('draw from an empty list');
    return item;
  }
}

/*
 * Day numbers (days since 1970-01-01) for date arithmetic on ISO strings: the
 * shared date helpers avoid Date objects on purpose, and so does the demo, so
 * that no time zone can move a birth date by one day.
 */
export function dayNumber(iso: string): number {
  const p = parseIsoDate(iso);
  if (!p) throw new RangeError(`not a date: ${iso}`);
  const y = p.m <= 2 ? p.y - 1 : p.y;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (p.m + (p.m > 2 ? -3 : 9)) + 2) / 5) + p.d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return isoDate(era * 400 + yoe + (m <= 2 ? 1 : 0), m, d);
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

/** A random day in [from, to], or `from` when the range is empty. */
export function dayBetween(rng: Rng, from: string, to: string): string {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return b <= a ? from : fromDayNumber(rng.int(a, b));
}

/** A timestamp on `date` in office hours (09:00–17:59 Beijing time, stored as UTC). */
export function officeStamp(rng: Rng, date: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date}T${pad(rng.int(1, 9))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}.000Z`;
}
