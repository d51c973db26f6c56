export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export interface Row {
  measure: string;
  medianMs: number;
  floorMs: number | null;
  target: string;
  ok: boolean | null;
  note?: string;
}

export function printTable(title: string, rows: readonly Row[]): void {
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(
    `${'measure'.padEnd(44)}${'median ms'.padStart(11)}${'floor ms'.padStart(10)}${'ratio'.padStart(8)}  target   result\n`,
  );
  for (const r of rows) {
    const ratio = r.floorMs ? (r.medianMs / r.floorMs).toFixed(2) : '—';
    const result = r.ok === null ? '' : r.ok ? 'ok' : 'MISSED';
    process.stdout.write(
      `${r.measure.padEnd(44)}${r.medianMs.toFixed(1).padStart(11)}${(r.floorMs?.toFixed(1) ?? '—').padStart(10)}${ratio.padStart(8)}  ${r.target.padEnd(8)} ${result}${r.note ? `  (${r.note})` : ''}\n`,
    );
  }
}
