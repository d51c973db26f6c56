import type { Store } from '../../electron/db/store';
import { generateDemo } from '../../electron/services/demo';
import { clearFactsCache } from '../../electron/services/reports/facts';
import { addMonths } from '../../shared/domain/dates';
import { reportNames } from '../../shared/domain/reports';
import { initialisedDir, invoke, newApp, PASSWORD, signIn } from '../support/fixtures';
import { tempDir } from '../support/tmp';
import { median, printTable, type Row } from './stats';

const RUNS = 5;
const TODAY = '2026-11-05';
const MONTH = '2026-11';

/** The floor: one hand-written GROUP BY over payout_lines giving the money cells the forms read. */
function floorOnce(store: Store): number {
  const t = performance.now();
  store.raw
    .prepare(
      `SELECT b.program, b.period_from, l.kind, l.bank_status = 'failed', l.township, l.category, count(*), sum(l.amount_fen)
       FROM payout_batches b JOIN payout_lines l ON l.batch_id = b.id
       WHERE b.status IN ('locked', 'exported', 'returned') AND l.voided = 0 AND b.period_from BETWEEN ? AND ?
       GROUP BY 1, 2, 3, 4, 5, 6`,
    )
    .all(addMonths('2026-01', -12), MONTH);
  return performance.now() - t;
}

export async function benchReports(scale = 1): Promise<void> {
  const tmp = tempDir();
  try {
    initialisedDir(tmp.dir, { users: [{ username: 'wang', displayName: '王负责', roles: ['head'] }] });
    const t = newApp(tmp.dir, { clock: () => new Date(`${TODAY}T02:00:00Z`) });
    await signIn(t, 'wang', 'wang', PASSWORD);
    const store = t.app.currentStore();
    if (!store) throw new Error('no store');
    const demo = generateDemo(
      store,
      { username: 'wang', channel: 'demo.generate' },
      { scale, seed: 20261128, today: TODAY, countyCode: '420102', historyMonths: 24 },
    );
    const lines = demo.history?.lines ?? 0;
    process.stdout.write(
      `\nreports bench: demo scale ${String(scale)}, ${String(demo.persons)} persons, ${String(lines)} payout lines in 24 locked months\n`,
    );
    const floor = median(Array.from({ length: RUNS }, () => floorOnce(store)));
    // Cold: the facts read afresh, as after any write; warm: moving between forms and periods with nothing written.
    const once = async (f: () => Promise<unknown>) => {
      const s = performance.now();
      const r = (await f()) as { ok: boolean; error?: { message: string } };
      if (!r.ok) throw new Error(r.error?.message);
      return performance.now() - s;
    };
    const warmMs: Record<string, number> = {};
    const time = async (f: () => Promise<unknown>, label: string) => {
      const cold: number[] = [];
      const warm: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        clearFactsCache(store);
        cold.push(await once(f));
        warm.push(await once(f));
      }
      warmMs[label] = median(warm);
      return median(cold);
    };
    const rows: Row[] = [];
    for (const name of reportNames) {
      const label = `report.show ${name} (1–11月)`;
      const ms = await time(() => invoke(t, 'wang', 'report.show', { name, period: '2026-01..2026-11' }), label);
      rows.push({
        measure: label,
        medianMs: ms,
        floorMs: floor,
        target: '≤ 1.5×',
        ok: ms <= floor * 1.5,
        note: `warm ${(warmMs[label] ?? 0).toFixed(0)} ms`,
      });
    }
    const dash = await time(() => invoke(t, 'wang', 'report.dashboard', { month: MONTH }), 'dash');
    rows.push({
      measure: 'report.dashboard',
      medianMs: dash,
      floorMs: floor,
      target: '≤ 1 s',
      ok: dash <= 1000,
      note: `warm ${(warmMs.dash ?? 0).toFixed(0)} ms`,
    });
    const sum = await time(() => invoke(t, 'wang', 'report.summary', { period: '2026-01..2026-11' }), 'sum');
    rows.push({
      measure: 'report.summary',
      medianMs: sum,
      floorMs: floor,
      target: '',
      ok: null,
      note: `warm ${(warmMs.sum ?? 0).toFixed(0)} ms`,
    });
    printTable('reports (cold: median of 5 with the facts read afresh; floor: one GROUP BY over payout_lines)', rows);
    t.app.close();
  } finally {
    tmp.cleanup();
  }
}
