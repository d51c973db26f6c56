/** Money is integer fen everywhere; these are the only conversions to and from text. */

export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  // Thousands separators by hand: toLocaleString costs microseconds a call, and batches format every line.
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** 157650 → "1576.50": no separators, for files other programs read (bank disbursement files). */
export function plainYuan(fen: number): string {
  return formatFen(fen).replaceAll(',', '');
}

/** "1,576.5" or "1576.50" (yuan) → 157650; null when it is not an amount with at most two decimals. */
export function parseYuan(text: string): number | null {
  const t = text.replace(/[,，\s]/g, '').replace(/元$/, '');
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}
