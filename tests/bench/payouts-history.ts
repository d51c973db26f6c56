import { addMonths } from '../../shared/domain/dates';
import { generateDemo } from '../../electron/services/demo';
import { initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { tempDir } from '../support/tmp';
import { median, printTable } from './stats';

const FIRST = '2024-12';
const HISTORY = 24;

async function ok<T>(
  p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>,
): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.value;
}

/** Generates (or regenerates) the month's draft `runs` times; the draft stays. */
async function generateTimes(
  t: TestApp,
  month: string,
  runs: number,
): Promise<{ ms: number[]; id: number; lines: number }> {
  const ms: number[] = [];
  let id = 0;
  let lines = 0;
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    const b = await ok(invoke(t, 'li', 'payout.generate', { program: 'disability-care', month }));
    ms.push(performance.now() - s);
    id = b.id;
    lines = b.lineCount;
  }
  return { ms, id, lines };
}

async function commit(t: TestApp, batchId: number): Promise<void> {
  await ok(invoke(t, 'zhao', 'payout.review', { batchId }));
  await ok(invoke(t, 'wang', 'payout.lock', { batchId }));
}

/**
 * Flat over history: generating the care subsidy's month 1 (no history) and,
 * after 24 months of locked batches (≈ 1.2 M lines at this scale), month 25, on
 * the same county. Target: month 25 ≤ 1.5× month 1.
 */
export async function benchPayoutHistory(scale = 3.9, runs = 3): Promise<void> {
  const tmp = tempDir();
  try {
    initialisedDir(tmp.dir, {
      users: [
        { username: 'li', displayName: '李经办', roles: ['clerk'] },
        { username: 'zhao', displayName: '赵审核', roles: ['reviewer'] },
        { username: 'wang', displayName: '王负责', roles: ['head'] },
      ],
    });
    const last = addMonths(FIRST, HISTORY);
    const t = newApp(tmp.dir, { clock: () => new Date(`${last}-05T02:00:00Z`) });
    for (const u of ['li', 'zhao', 'wang']) await signIn(t, u, u, PASSWORD);
    const store = t.app.currentStore();
    if (!store) throw new Error('no store');
    // Enrolments applied before the first month: every month of history pays the same county.
    generateDemo(
      store,
      { username: 'li', channel: 'demo.generate' },
      { scale, seed: 20261128, today: `${FIRST}-05`, countyCode: '420102' },
    );
    const first = await generateTimes(t, FIRST, runs);
    await commit(t, first.id);
    for (let i = 1; i < HISTORY; i++) {
      const b = await generateTimes(t, addMonths(FIRST, i), 1);
      await commit(t, b.id);
    }
    const history = Number(store.raw.prepare('SELECT count(*) FROM payout_lines').pluck().get());
    const after = await generateTimes(t, last, runs);
    const m1 = median(first.ms);
    const m25 = median(after.ms);
    printTable(
      `Flat over history: care subsidy, ${String(first.lines)} lines in month 1, ${String(history)} locked lines over ${String(HISTORY)} months (medians of ${String(runs)})`,
      [
        {
          measure: `floor: generate month 1 (${FIRST}, no history)`,
          medianMs: m1,
          floorMs: null,
          target: '',
          ok: null,
        },
        {
          measure: `generate month 25 (${last}, ${String(after.lines)} lines)`,
          medianMs: m25,
          floorMs: m1,
          target: '≤ 1.5×',
          ok: m25 <= 1.5 * m1,
        },
      ],
    );
    t.app.close();
  } finally {
    tmp.cleanup();
  }
}
