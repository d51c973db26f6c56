/** Figures as reports print them: 万元 with two decimals, change against last year with one. */

/** Fen to 万元 with two decimals, rounded half up: 38809812345 fen → "3880.98". */
export function wanYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const hundredths = Math.floor((Math.abs(fen) + 5000) / 10000);
  return `${sign}${String(Math.floor(hundredths / 100))}.${String(hundredths % 100).padStart(2, '0')}`;
}

/**
 * The change from `last` to `now` in tenths of a percent, rounded half away
 * from zero in integers (no float drift at .x5); null when last year is zero.
 */
export function changeTenths(now: number, last: number): number | null {
  if (last === 0) return null;
  const num = (now - last) * 1000;
  const q = Math.floor((Math.abs(num) * 2 + Math.abs(last)) / (2 * Math.abs(last)));
  return Math.sign(num) * Math.sign(last) * q;
}

/** "9.8" / "-3.1" / "0.0" for a table's 增减% cell; "—" when last year is zero. */
export function changeCell(now: number, last: number): string {
  const t = changeTenths(now, last);
  if (t === null) return '—';
  const sign = t < 0 ? '-' : '';
  return `${sign}${String(Math.floor(Math.abs(t) / 10))}.${String(Math.abs(t) % 10)}`;
}

/** "较去年同期增长9.8%" / "较去年同期下降3.1%" / "与去年同期持平"; "—" when last year is zero. */
export function changeSentence(now: number, last: number): string {
  const t = changeTenths(now, last);
  if (t === null) return '—';
  if (t === 0) return '与去年同期持平';
  const abs = `${String(Math.floor(Math.abs(t) / 10))}.${String(Math.abs(t) % 10)}`;
  return `较去年同期${t > 0 ? '增长' : '下降'}${abs}%`;
}
