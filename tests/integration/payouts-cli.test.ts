import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capitals } from '../../electron/services/print/templates/common';
import { formatFen } from '../../shared/domain/money';
import { runCliInProcess } from '../support/cli';
import { PASSWORD } from '../support/fixtures';
import { REPO_ROOT } from '../support/paths';
import { PayoutCounty } from '../support/payout-county';
import { tempDir } from '../support/tmp';

const run = promisify(execFile);
const ELDERS = 40;

/** The CLI in a child process of its own, as a second clerk's computer would run it; a refusal (exit 1) still prints its JSON. */
function cliProcess(args: string[]): Promise<{ stdout: string }> {
  return run(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'),
      '--tsconfig',
      join(REPO_ROOT, 'tsconfig.runtime.json'),
      join(REPO_ROOT, 'electron/cli/index.ts'),
      ...args,
    ],
    {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', WELFARE_DESK_PASSWORD: PASSWORD },
      timeout: 120_000,
    },
  ).catch((e: unknown) => {
    if (e && typeof e === 'object' && 'code' in e && e.code === 1 && 'stdout' in e) return { stdout: String(e.stdout) };
    throw e;
  });
}

describe('payouts from the CLI', () => {
  const tmp = tempDir();
  const outs = tempDir('wd-out-');
  afterAll(() => outs.cleanup());
  const env = { WELFARE_DESK_PASSWORD: PASSWORD };
  let lockedMonth = '';
  const cli = async (user: string, ...args: string[]) => {
    const r = await runCliInProcess([...args, '--data', tmp.dir, '--user', user, '--json'], env);
    return JSON.parse(r.stdout) as Record<string, unknown> & { ok: boolean };
  };

  beforeAll(async () => {
    const c = new PayoutCounty(tmp.dir);
    await c.setup([
      ['elderly', '80-89', '2000-01', 5000],
      ['elderly', '90-99', '2000-01', 10000],
      ['elderly', '100+', '2000-01', 50000],
    ]);
    // Elders aged 80–99 approved in December 2025: entitled from their application month.
    for (let i = 0; i < ELDERS; i++) {
      const year = 1930 + (i % 15);
      const p = await c.person(
        `420102${String(year)}0${String(1 + (i % 9))}1${String(i % 10)}${String(i).padStart(3, '0')}`,
        `李${'一二三四五六七八九十'[i % 10] ?? ''}${'甲乙丙丁'[i % 4] ?? ''}`,
        `62170000100000${String(10000 + i)}`,
      );
      await c.enrol(p, 'elderly', '2025-12-01', '2025-12-20');
    }
    await c.at('2026-01-05');
    await c.pay('elderly', '2026-01');
    c.close();
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('never pays a month twice when two processes generate at once', async () => {
    const [march, april] = await Promise.all(
      ['2026-03', '2026-04'].map((month) =>
        cliProcess([
          'payout',
          'generate',
          '--program',
          'elderly',
          '--month',
          month,
          '--data',
          tmp.dir,
          '--user',
          'li',
          '--json',
        ]),
      ),
    );
    const results = [march, april].map(
      (r) => JSON.parse(r?.stdout ?? '{}') as { ok: boolean; lines?: number; error?: { code: string } },
    );
    // Whichever ran first took the months it could: March first back-pays February, then April adds April;
    // April first back-pays February and March, and March finds nothing left to pay (no draft is left).
    expect(results[1]?.ok).toBe(true);
    expect(results[0]?.ok || results[0]?.error?.code === 'BATCH_EMPTY').toBe(true);
    expect(results.reduce((s, r) => s + (r.lines ?? 0), 0)).toBe(ELDERS * 3);
    const a = results[1] as { lines: number; totalFen?: number };
    const check = await cli('li', 'payout', 'generate', '--program', 'elderly', '--month', '2026-04');
    expect(check).toMatchObject({ ok: true, lines: a.lines, totalFen: a.totalFen });
  }, 120_000);

  it('reviews, locks, exports and prints with totals that agree to the fen: lines, bank file and roster', async () => {
    // Regenerating both drafts keeps each month where it is; the batch with more lines goes on.
    const drafts = [
      await cli('li', 'payout', 'generate', '--program', 'elderly', '--month', '2026-03'),
      await cli('li', 'payout', 'generate', '--program', 'elderly', '--month', '2026-04'),
    ];
    const gen = (Number(drafts[0]?.lines) >= Number(drafts[1]?.lines) ? drafts[0] : drafts[1]) ?? { ok: false };
    lockedMonth = gen === drafts[0] ? '2026-03' : '2026-04';
    const batch = String(gen.batchId);
    expect(gen).toMatchObject({ ok: true, byKind: { regular: expect.any(Object), backpay: expect.any(Object) } });
    expect(await cli('li', 'payout', 'review', '--batch', batch)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await cli('zhao', 'payout', 'review', '--batch', batch)).toMatchObject({ ok: true, status: 'reviewed' });
    const locked = await cli('wang', 'payout', 'lock', '--batch', batch);
    expect(locked).toMatchObject({ ok: true, status: 'locked' });
    const totalFen = Number(locked.totalFen);
    const byKind = locked.byKind as Record<string, { lines: number; fen: number }>;
    expect(Object.values(byKind).reduce((s, k) => s + k.fen, 0)).toBe(totalFen);

    // The live database and the keyring are never a target, however they are named; they stay byte for byte.
    const dbBefore = readFileSync(join(tmp.dir, 'welfare.db'));
    // Each sign-in moves the lockout checkpoint kept beside the slots; everything else stays as it was.
    const ring = () => {
      const { lockout: _checkpoint, ...rest } = JSON.parse(
        readFileSync(join(tmp.dir, 'welfare.keys.json'), 'utf8'),
      ) as Record<string, unknown>;
      return rest;
    };
    const ringBefore = ring();
    for (const target of [join(tmp.dir, 'welfare.db'), join(tmp.dir, 'backups', '..', 'welfare.keys.json')]) {
      const args = ['--batch', batch, '--out', target, '--force'];
      expect(await cli('li', 'payout', 'export-bank', ...args)).toMatchObject({
        error: { code: 'TARGET_IN_DATA_DIR' },
      });
      expect(await cli('li', 'print', 'roster', ...args)).toMatchObject({ error: { code: 'TARGET_IN_DATA_DIR' } });
    }
    // Sign-ins write audit rows, so the database file moves on; it must still be the database, not a bank file.
    const dbAfter = readFileSync(join(tmp.dir, 'welfare.db'));
    expect(dbAfter.length).toBeGreaterThanOrEqual(dbBefore.length);
    expect(['PK', '%P'].includes(dbAfter.subarray(0, 2).toString('latin1'))).toBe(false);
    expect(ring()).toEqual(ringBefore);
    expect(await cli('li', 'checks')).toMatchObject({ ok: true });

    const xlsx = join(outs.dir, 'bank.xlsx');
    expect(await cli('li', 'payout', 'export-bank', '--batch', batch, '--out', xlsx)).toMatchObject({
      ok: true,
      status: 'exported',
      fileTotalFen: totalFen,
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const amountCol = (sheet?.getRow(1).values as unknown[]).indexOf('金额');
    let bankFen = 0;
    sheet?.eachRow((row, n) => {
      if (n > 1) bankFen += Math.round(Number(row.getCell(amountCol).text) * 100);
    });
    expect(bankFen).toBe(totalFen);

    // An existing file is replaced only with --force.
    expect(await cli('li', 'payout', 'export-bank', '--batch', batch, '--out', xlsx)).toMatchObject({
      error: { code: 'FILE_EXISTS' },
    });
    expect(await cli('li', 'payout', 'export-bank', '--batch', batch, '--out', xlsx, '--force')).toMatchObject({
      ok: true,
    });

    const pdf = join(outs.dir, 'roster.pdf');
    const printed = await cli('li', 'print', 'roster', '--batch', batch, '--out', pdf);
    expect(printed).toMatchObject({ ok: true, totalFen });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('发放花名册');
    const grand = text.split('\n').find((l) => /^\s*合\s*计\s/.test(l)) ?? '';
    expect(grand.replace(/,/g, '')).toContain(formatFen(totalFen).replace(/,/g, ''));
    expect(/合计金额（大写）：(\S+)/.exec(text)?.[1]).toBe(capitals(totalFen));
  }, 120_000);

  it('refuses a second live batch and bad input with Chinese messages and exit codes', async () => {
    expect(await cli('li', 'payout', 'generate', '--program', 'elderly', '--month', lockedMonth)).toMatchObject({
      ok: false,
      error: { code: 'BATCH_STATE' },
    });
    const usage = await runCliInProcess(
      ['payout', 'generate', '--program', 'elderly', '--month', '2026-13', '--data', tmp.dir, '--user', 'li'],
      env,
    );
    expect(usage.code).toBe(2);
  });
});
