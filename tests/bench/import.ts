import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { checkCharacter } from '../../shared/domain/id-number';
import { readTable } from '../../electron/services/imports/reader';
import { initialisedDir, invoke, newApp, PASSWORD, signIn } from '../support/fixtures';
import { REPO_ROOT } from '../support/paths';
import { seedCounty } from '../support/seed';
import { tempDir } from '../support/tmp';
import { median, printTable, type Row } from './stats';

const VILLAGES = [
  ['花桥街道', '花桥社区'],
  ['花桥街道', '永清社区'],
  ['谌家矶街道', '光华村'],
] as const;

/**
 * A roster of `n` distinct elders (born 1920–1944) as a township would send it: title row, header, text cells.
 * Sequence numbers from 500 keep clear of the seeded elders (001–004): every row is a new person.
 */
export function rosterXlsx(n: number): Buffer {
  const rows: string[][] = [
    ['江岸区高龄津贴花名册'],
    ['序号', '姓名', '身份证号', '乡镇（街道）', '村（社区）', '联系电话', '一卡通账号', '开户行'],
  ];
  for (let i = 0; i < n; i++) {
    const first17 = `420102${1920 + (i % 25)}${String(1 + (Math.floor(i / 25) % 12)).padStart(2, '0')}${String(1 + (Math.floor(i / 300) % 28)).padStart(2, '0')}${String(500 + Math.floor(i / 8400)).padStart(3, '0')}`;
    const [township, village] = VILLAGES[i % 3]!;
    rows.push([
      String(i + 1),
      `老人${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯辰巳午未申酉戌亥'[i % 12]}`,
      first17 + checkCharacter(first17),
      township,
      village,
      `139${String(i).padStart(8, '0')}`,
      `62170000${String(i).padStart(11, '0')}`,
      '农商银行',
    ]);
  }
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), '名册');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** The commit alone in a process of its own (`import-commit-run.ts`): its time and its peak RSS. */
function commitInChild(file: string, rowsCount: number): { commitMs: number; rssBeforeMb: number; peakMb: number } {
  const out = execFileSync(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'),
      '--tsconfig',
      join(REPO_ROOT, 'tsconfig.runtime.json'),
      join(REPO_ROOT, 'tests/bench/import-commit-run.ts'),
      file,
      String(rowsCount),
    ],
    { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as { commitMs: number; rssBeforeMb: number; peakMb: number };
}

/**
 * Issues 7 and 16: importing a 50 000-row xlsx against reading it with the reader
 * alone: the dry run (read, validate every row, match the register; target ≤ 2×)
 * and the commit of 50 000 new persons (read, validate, write in one transaction;
 * target ≤ 4×, peak RSS ≤ 600 MB), each a median of `runs`. Every commit runs in
 * a fresh county in a process of its own, so its peak RSS is the commit's.
 */
export async function benchImport(rowsCount = 50_000, runs = 3): Promise<void> {
  const tmp = tempDir('wd-bench-import-');
  try {
    const content = rosterXlsx(rowsCount);
    const file = join(tmp.dir, 'roster.xlsx');
    writeFileSync(file, content);
    const base64 = content.toString('base64');
    const dir = join(tmp.dir, 'county');
    mkdirSync(dir);
    initialisedDir(dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    await seedCounty(dir);
    const t = newApp(dir);
    await signIn(t, 'li', 'li', PASSWORD);
    const limits = { maxBytes: 100 * 1024 * 1024 };
    const reader: number[] = [];
    const preview: number[] = [];
    for (let i = 0; i < runs; i++) {
      reader.push(await time(() => readTable(content, 'roster.xlsx', limits)));
      preview.push(
        await time(async () => {
          const r = await invoke(t, 'li', 'import.preview', {
            fileName: 'roster.xlsx',
            contentBase64: base64,
            program: 'elderly',
          });
          if (!r.ok || r.value.accepted !== rowsCount)
            throw new Error(
              `preview: ${JSON.stringify(r.ok ? { accepted: r.value.accepted, errors: r.value.errors.slice(0, 3) } : r.error)}`,
            );
        }),
      );
    }
    t.app.close();
    const commits = Array.from({ length: runs }, () => commitInChild(file, rowsCount));
    const floor = median(reader);
    const commit = median(commits.map((c) => c.commitMs));
    const peakMb = Math.max(...commits.map((c) => c.peakMb));
    const before = Math.max(...commits.map((c) => c.rssBeforeMb));
    const rows: Row[] = [
      {
        measure: `reader alone (${rowsCount} rows, ${(content.length / 1048576).toFixed(1)} MB)`,
        medianMs: floor,
        floorMs: null,
        target: '',
        ok: null,
      },
      {
        measure: 'import dry run (read + validate + match)',
        medianMs: median(preview),
        floorMs: floor,
        target: '≤ 2×',
        ok: median(preview) <= 2 * floor,
      },
      {
        measure: `import commit (${rowsCount} new, one transaction)`,
        medianMs: commit,
        floorMs: floor,
        target: '≤ 4×',
        ok: commit <= 4 * floor,
        note: `${((commit / rowsCount) * 1000).toFixed(0)} µs a row; runs ${commits.map((c) => (c.commitMs / 1000).toFixed(1)).join(', ')} s`,
      },
    ];
    printTable(
      `Import (issues 7, 16): commit peak RSS ${peakMb.toFixed(0)} MB (target ≤ 600 MB; ${before.toFixed(0)} MB before it), ${
        peakMb <= 600 ? 'ok' : 'MISSED'
      }; bench process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
      rows,
    );
  } finally {
    tmp.cleanup();
  }
}

if (process.argv[1] && /bench\/import\.ts$/.test(process.argv[1])) {
  const n = Number(process.argv[2] ?? 50_000);
  benchImport(n).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
