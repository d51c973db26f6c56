import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportView } from '../../shared/contract';
import { generateDemo, type DemoCounts } from '../../electron/services/demo';
import { programs } from '../../shared/domain/programs';
import { cellNumber } from '../../shared/domain/reports';
import { initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { tempDir } from '../support/tmp';

/**
 * The demo's 24 months of payout history. Its lines are planned by the payout
 * engine, so the first real batch after them owes nothing back and pays no
 * month twice; the reports show last year, deaths, bank failures and recoveries.
 */
const TODAY = '2026-11-15';
const cell = (v: ReportView, row: string, col: string) => {
  const r = v.table.rows.find((x) => x.key === row);
  const i = v.table.columns.findIndex((c) => c.key === col);
  if (!r || i < 0) throw new Error(`no cell ${row}/${col}`);
  return r.cells[i];
};

describe('demo payout history', () => {
  const tmp = tempDir();
  let t: TestApp;
  let counts: DemoCounts;
  let ms = 0;
  const sql = <T>(q: string, ...p: unknown[]) => {
    const s = t.app.currentStore();
    if (!s) throw new Error('no store');
    return s.raw.prepare(q).all(...p) as T[];
  };
  const ok = async <T>(r: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>) => {
    const x = await r;
    if (!x.ok) throw new Error(x.error.message);
    return x.value;
  };

  beforeAll(async () => {
    initialisedDir(tmp.dir, {
      users: [
        { username: 'li', displayName: '李经办', roles: ['clerk'] },
        { username: 'wang', displayName: '王负责', roles: ['head'] },
      ],
    });
    t = newApp(tmp.dir, { clock: () => new Date(`${TODAY}T02:00:00Z`) });
    for (const u of ['li', 'wang']) await signIn(t, u, u, PASSWORD);
    const store = t.app.currentStore();
    if (!store) throw new Error('no store');
    const s = performance.now();
    counts = generateDemo(
      store,
      { username: 'li', channel: 'demo.generate' },
      { scale: 0.05, seed: 7, today: TODAY, countyCode: '420102', historyMonths: 24 },
    );
    ms = performance.now() - s;
  }, 120_000);
  afterAll(() => {
    t.app.close();
    tmp.cleanup();
  });

  it('writes 24 returned monthly batches per program whose totals are their lines', () => {
    const h = counts.history;
    expect(h).toMatchObject({ from: '2024-11', to: '2026-10' });
    const batches = sql<{ program: string; n: number; status: string }>(
      `SELECT program, count(*) n, group_concat(DISTINCT status) status FROM payout_batches GROUP BY program`,
    );
    expect(batches.map((b) => [b.program, b.n, b.status]).sort()).toEqual(
      [...programs].sort().map((p) => [p, 24, 'returned']),
    );
    const off = sql<{ n: number }>(
      `SELECT count(*) n FROM payout_batches b WHERE total_fen <> (SELECT total(amount_fen) FROM payout_lines WHERE batch_id = b.id)
         OR line_count <> (SELECT count(*) FROM payout_lines WHERE batch_id = b.id)`,
    );
    expect(off[0]?.n).toBe(0);
    expect(h?.lines).toBe(sql<{ n: number }>('SELECT count(*) n FROM payout_lines')[0]?.n);
    expect(h?.failed).toBeGreaterThan(0);
    expect(h?.reissued).toBeGreaterThan(0);
    expect(h?.deaths).toBeGreaterThan(5);
    expect((h?.recoveries.recovered ?? 0) + (h?.recoveries.waived ?? 0)).toBeGreaterThan(0);
    // New entrants: back-pay for the months before their first batch.
    expect(sql<{ n: number }>(`SELECT count(*) n FROM payout_lines WHERE kind = 'backpay'`)[0]?.n).toBeGreaterThan(0);
    process.stdout.write(`demo scale 0.05 with 24 months: ${Math.round(ms)} ms, ${String(h?.lines)} lines\n`);
  });

  it('the first real batch after the history pays no month twice and finds nothing overpaid', async () => {
    const lateApproved = new Set(
      sql<{ id: number }>(`SELECT id FROM enrolments WHERE approved_on > '2026-10-05'`).map((r) => r.id),
    );
    const failedInOctober = new Set(
      sql<{ id: number }>(`SELECT id FROM payout_lines WHERE bank_status = 'failed' AND month = '2026-10'`).map(
        (r) => r.id,
      ),
    );
    for (const program of programs) {
      const b = await ok(invoke(t, 'li', 'payout.generate', { program, month: '2026-11' }));
      expect(b.recoveriesFound, program).toBe(0);
      expect(b.lineCount, program).toBeGreaterThan(0);
      const lines = sql<{ enrolment_id: number; month: string; kind: string; reissue_of: number | null }>(
        'SELECT enrolment_id, month, kind, reissue_of FROM payout_lines WHERE batch_id = ?',
        b.id,
      );
      for (const l of lines) {
        if (l.kind === 'regular') expect(l.month, program).toBe('2026-11');
        else if (l.kind === 'backpay') expect(lateApproved.has(l.enrolment_id), `${program} ${l.month}`).toBe(true);
        else if (l.kind === 'reissue') expect(failedInOctober.has(l.reissue_of ?? 0)).toBe(true);
        else throw new Error(`unexpected ${l.kind} line for ${l.month}`);
      }
    }
  });

  it('gives the reports last year, deaths, bank failures and recoveries', async () => {
    const v = await ok(invoke(t, 'wang', 'report.show', { name: 'indicators', period: '2026-01..2026-10' }));
    expect(v.table.emptyReason).toBeNull();
    expect(cellNumber(cell(v, 'elderly.paid', 'ytd'))).toBeGreaterThan(0);
    expect(cellNumber(cell(v, 'elderly.paid', 'last'))).toBeGreaterThan(0);
    expect(cell(v, 'all.paid', 'change')).toMatchObject({
      kind: 'percent',
      text: expect.stringMatching(/^-?\d+\.\d$/),
    });
    expect(cellNumber(cell(v, 'all.failed', 'ytd')) + cellNumber(cell(v, 'all.failed', 'last'))).toBeGreaterThan(0);
    const changes = await ok(invoke(t, 'wang', 'report.show', { name: 'changes', period: '2025-01..2026-10' }));
    expect(cellNumber(cell(changes, 'elderly', 'removed:death'))).toBeGreaterThan(0);
    expect(cellNumber(cell(changes, 'elderly', 'added'))).toBeGreaterThan(0);
    // The dashboard's chart is the same money as the indicator table, this year and last.
    const d = await ok(invoke(t, 'wang', 'report.dashboard', { month: '2026-10' }));
    for (const prog of programs) {
      const line = d.spending.find((x) => x.program === prog);
      const sum = (xs: number[] | undefined) => (xs ?? []).reduce((a, b) => a + b, 0);
      expect([sum(line?.thisYear), sum(line?.lastYear)], prog).toEqual([
        cellNumber(cell(v, `${prog}.paid`, 'ytd')),
        cellNumber(cell(v, `${prog}.paid`, 'last')),
      ]);
    }
    expect(d.townships.reduce((a, x) => a + x.persons, 0)).toBe(cellNumber(cell(v, 'all.persons', 'now')));
    const s = await ok(invoke(t, 'wang', 'report.summary', { period: '2026-01..2026-10' }));
    expect(s.text).toMatch(/较去年同期(增长|下降)\d+\.\d%|与去年同期持平/);
  });
});
