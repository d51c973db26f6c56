import { join } from 'node:path';
import type { Store } from '../../electron/db/store';
import { generateDemo } from '../../electron/services/demo';
import { initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { tempDir } from '../support/tmp';
import { benchPrint } from './print';
import { median, printTable, type Row } from './stats';

const RUNS = 3;
const MONTH = '2026-11';

/**
 * The same regular lines in one statement: what SQLite alone needs to select the
 * care subsidy's entitled enrolments for a month, price them from the standards
 * table and write them with the payee's details. The engine's rules for this
 * program, spelled in SQL (application month, death, moving out, pauses by status,
 * certificate expiry, 工伤护理费 and 集中供养 exclusions, grade 1–2).
 */
const FLOOR_SQL = `
  CREATE TEMP TABLE floor_lines AS
  SELECT e.id AS enrolment_id, p.id AS person_id, ?1 AS month, 'regular' AS kind, 'grade-' || c.grade AS category,
         s.from_month AS standard_from, s.amount_fen AS standard_fen, s.amount_fen AS amount_fen,
         p.name, p.id_number, p.bank_name, p.bank_account, p.account_holder_name, t.name AS township, v.name AS village
  FROM enrolments e
  JOIN persons p ON p.id = e.person_id
  JOIN disability_certificates c ON c.id = e.certificate_id
  LEFT JOIN regions v ON v.code = p.village_code LEFT JOIN regions t ON t.code = v.parent_code
  JOIN standards s ON s.program = e.program AND s.category = 'grade-' || c.grade
   AND s.from_month = (SELECT max(from_month) FROM standards x WHERE x.program = s.program AND x.category = s.category AND x.from_month <= ?1)
  WHERE e.program = 'disability-care' AND e.approved_on IS NOT NULL AND e.status NOT IN ('stopped', 'suspended', 'rejected')
    AND substr(e.applied_on, 1, 7) <= ?1
    AND (p.death_date IS NULL OR substr(p.death_date, 1, 7) >= ?1)
    AND (p.moved_out_date IS NULL OR substr(p.moved_out_date, 1, 7) >= ?1)
    AND (c.expires_on IS NULL OR substr(c.expires_on, 1, 7) >= ?1)
    AND p.injury_care = 0 AND p.tekun <> 'centralized' AND c.grade IN (1, 2)
    AND coalesce(p.bank_account, '') <> ''`;

async function ok<T>(
  p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>,
): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.value;
}

function floorOnce(store: Store): { ms: number; rows: number } {
  const db = store.raw;
  const t = performance.now();
  db.transaction(() => db.prepare(FLOOR_SQL.replaceAll('?1', `'${MONTH}'`)).run()).immediate();
  const ms = performance.now() - t;
  const rows = Number(db.prepare('SELECT count(*) FROM floor_lines').pluck().get());
  db.exec('DROP TABLE floor_lines');
  return { ms, rows };
}

/** The same statement writing into payout_lines itself (its indexes included), rolled back. */
function floorIntoLinesOnce(store: Store): number {
  const db = store.raw;
  const select = FLOOR_SQL.replace('CREATE TEMP TABLE floor_lines AS', '').replaceAll('?1', `'${MONTH}'`);
  const insert = `INSERT INTO payout_lines (batch_id, program, enrolment_id, person_id, month, kind, category, standard_from, standard_fen, amount_fen, name, id_number, bank_name, bank_account, account_holder, township, village)
    SELECT 0, 'disability-care', enrolment_id, person_id, month, kind, category, standard_from, standard_fen, amount_fen, name, id_number, bank_name, bank_account, account_holder_name, township, village FROM (${select})`;
  // Batch 0 does not exist; foreign keys can only be switched off outside a transaction.
  db.pragma('foreign_keys = OFF');
  db.exec('BEGIN IMMEDIATE');
  try {
    const t = performance.now();
    db.prepare(insert).run();
    return performance.now() - t;
  } finally {
    db.exec('ROLLBACK');
    db.pragma('foreign_keys = ON');
  }
}

/** generate → review → lock → export of one batch, timed end to end through the channels. */
async function chainOnce(
  t: TestApp,
  templateId: number,
  out: string,
): Promise<{ ms: number; lines: number; totalFen: number; steps: Record<string, number> }> {
  const steps: Record<string, number> = {};
  const time = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const s = performance.now();
    const v = await f();
    steps[name] = performance.now() - s;
    return v;
  };
  const start = performance.now();
  const b = await time('generate', () =>
    ok(invoke(t, 'li', 'payout.generate', { program: 'disability-care', month: MONTH })),
  );
  await time('review', () => ok(invoke(t, 'zhao', 'payout.review', { batchId: b.id })));
  await time('lock', () => ok(invoke(t, 'wang', 'payout.lock', { batchId: b.id })));
  const file = await time('export', () => ok(invoke(t, 'li', 'payout.exportBank', { batchId: b.id, templateId })));
  const ms = performance.now() - start;
  if (file.totalFen !== b.totalFen) throw new Error('bank file total differs from the batch');
  // Voided so that the next run generates the same month again: an exported batch only once the bank's
  // return shows it paid nothing, so every line comes back failed.
  const ids = t.app
    .currentStore()
    ?.raw.prepare('SELECT id FROM payout_lines WHERE batch_id = ?')
    .pluck()
    .all(b.id) as number[];
  const failedCsv = ['流水号,处理结果', ...ids.map((id) => `WD${String(id).padStart(9, '0')},失败`)].join('\r\n');
  await ok(
    invoke(t, 'li', 'payout.importReturn', {
      batchId: b.id,
      fileName: '回盘.csv',
      contentBase64: Buffer.from(failedCsv, 'utf8').toString('base64'),
      unlistedArePaid: false,
    }),
  );
  await ok(invoke(t, 'wang', 'payout.void', { batchId: b.id, reason: '基准测试' }));
  void out;
  return { ms, lines: b.lineCount, totalFen: b.totalFen, steps };
}

export async function benchPayouts(scale = 3.9): Promise<void> {
  const tmp = tempDir();
  const outDir = tempDir();
  const out = join(outDir.dir, 'bank.out');
  try {
    initialisedDir(tmp.dir, {
      users: [
        { username: 'li', displayName: '李经办', roles: ['clerk'] },
        { username: 'zhao', displayName: '赵审核', roles: ['reviewer'] },
        { username: 'wang', displayName: '王负责', roles: ['head'] },
      ],
    });
    const t = newApp(tmp.dir, {
      clock: () => new Date(`${MONTH}-05T02:00:00Z`),
      dialogs: {
        chooseFolder: () => Promise.resolve(null),
        chooseSaveFile: () => Promise.resolve({ path: out, overwrite: true }),
      },
    });
    for (const u of ['li', 'zhao', 'wang']) await signIn(t, u, u, PASSWORD);
    const store = t.app.currentStore();
    if (!store) throw new Error('no store');
    const demo = generateDemo(
      store,
      { username: 'li', channel: 'demo.generate' },
      { scale, seed: 20261128, today: `${MONTH}-05`, countyCode: '420102' },
    );
    process.stdout.write(
      `\npayouts bench: demo scale ${String(scale)}, ${String(demo.persons)} persons, ${String(demo.enrolments['disability-care'])} care enrolments\n`,
    );
    const templates = await ok(invoke(t, 'li', 'bank.templates', {}));
    const xlsx = templates[0]?.id ?? 0;
    const csv = (
      await ok(
        invoke(t, 'wang', 'bank.saveTemplate', {
          name: '一卡通（CSV）',
          format: 'csv',
          encoding: 'gbk',
          headerRow: true,
          columns: templates[0]?.columns ?? [],
          fileNamePattern: '{program}-{period}',
        }),
      )
    ).id;

    const floors = Array.from({ length: RUNS }, () => floorOnce(store));
    const floorLines = median(Array.from({ length: RUNS }, () => floorIntoLinesOnce(store)));
    const chains = {
      xlsx: [] as Awaited<ReturnType<typeof chainOnce>>[],
      csv: [] as Awaited<ReturnType<typeof chainOnce>>[],
    };
    for (let i = 0; i < RUNS; i++) {
      chains.xlsx.push(await chainOnce(t, xlsx, out));
      chains.csv.push(await chainOnce(t, csv, out));
    }
    const floorMs = median(floors.map((f) => f.ms));
    const lines = chains.xlsx[0]?.lines ?? 0;
    const step = (k: string, which: 'xlsx' | 'csv') => median(chains[which].map((c) => c.steps[k] ?? 0));
    const rows: Row[] = [
      {
        measure: `floor: INSERT … SELECT (${String(floors[0]?.rows ?? 0)} lines)`,
        medianMs: floorMs,
        floorMs: null,
        target: '',
        ok: null,
      },
      {
        measure: '  the same into payout_lines (its indexes)',
        medianMs: floorLines,
        floorMs: null,
        target: '',
        ok: null,
      },
      {
        measure: `generate+review+lock+export, xlsx (${String(lines)} lines)`,
        medianMs: median(chains.xlsx.map((c) => c.ms)),
        floorMs,
        target: '≤ 3×',
        ok: median(chains.xlsx.map((c) => c.ms)) <= 3 * floorMs,
      },
      { measure: '  of which generate', medianMs: step('generate', 'xlsx'), floorMs, target: '', ok: null },
      {
        measure: '  generate against the into-lines floor',
        medianMs: step('generate', 'xlsx'),
        floorMs: floorLines,
        target: '',
        ok: null,
      },
      {
        measure: '  of which review + lock',
        medianMs: step('review', 'xlsx') + step('lock', 'xlsx'),
        floorMs: null,
        target: '',
        ok: null,
      },
      {
        measure: '  of which export (default xlsx template)',
        medianMs: step('export', 'xlsx'),
        floorMs: null,
        target: '',
        ok: null,
      },
      {
        measure: 'generate+review+lock+export, GBK csv',
        medianMs: median(chains.csv.map((c) => c.ms)),
        floorMs,
        target: '≤ 3×',
        ok: median(chains.csv.map((c) => c.ms)) <= 3 * floorMs,
      },
      {
        measure: '  of which export (csv template)',
        medianMs: step('export', 'csv'),
        floorMs: null,
        target: '',
        ok: null,
      },
    ];
    printTable(
      `Payout batch at ${String(lines)} active care enrolments (medians of ${String(RUNS)}; the floor selects ${String(floors[0]?.rows ?? 0)} lines)`,
      rows,
    );
    t.app.close();
  } finally {
    tmp.cleanup();
    outDir.cleanup();
  }
  const p = await benchPrint({ lines: 5000, runs: 3 });
  printTable('Roster PDF of 5,000 lines (medians of 3)', [
    {
      measure: 'floor: page.setContent + page.pdf() of the static HTML',
      medianMs: p.floorMs,
      floorMs: null,
      target: '',
      ok: null,
    },
    {
      measure: `render template + engine.pdf (${String(p.htmlBytes)} B html)`,
      medianMs: p.oursMs,
      floorMs: p.floorMs,
      target: '≤ 1.5×',
      ok: p.oursMs <= 1.5 * p.floorMs,
    },
  ]);
}
