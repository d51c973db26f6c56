import * as XLSX from '@e965/xlsx';
import { checkCharacter } from '../../shared/domain/id-number';
import { readTable } from '../../electron/services/imports/reader';
import { initialisedDir, invoke, newApp, PASSWORD, signIn } from '../support/fixtures';
import { seedCounty } from '../support/seed';
import { tempDir } from '../support/tmp';
import { median, printTable, type Row } from './stats';

const VILLAGES = [
  ['花桥街道', '花桥社区'],
  ['花桥街道', '永清社区'],
  ['谌家矶街道', '光华村'],
] as const;

/** A roster of `n` distinct elders (born 1920–1944) as a township would send it: title row, header, text cells. */
export function rosterXlsx(n: number): Buffer {
  const rows: string[][] = [
    ['江岸区高龄津贴花名册'],
    ['序号', '姓名', '身份证号', '乡镇（街道）', '村（社区）', '联系电话', '一卡通账号', '开户行'],
  ];
  for (let i = 0; i < n; i++) {
    const first17 = `420102${1920 + (i % 25)}${String(1 + (Math.floor(i / 25) % 12)).padStart(2, '0')}${String(1 + (Math.floor(i / 300) % 28)).padStart(2, '0')}${String(Math.floor(i / 8400)).padStart(3, '0')}`;
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

/**
 * Issue 7: importing a 50 000-row xlsx against reading it with the reader alone
 * (target ≤ 2×): the dry run (read, validate every row, match the register) as a
 * median of `runs`, and the commit (one transaction) once; peak RSS at the end.
 */
export async function benchImport(rowsCount = 50_000, runs = 3): Promise<void> {
  const tmp = tempDir('wd-bench-import-');
  try {
    const content = rosterXlsx(rowsCount);
    const base64 = content.toString('base64');
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    await seedCounty(tmp.dir);
    const t = newApp(tmp.dir);
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
    const commit = await time(async () => {
      const r = await invoke(t, 'li', 'import.commit', {
        fileName: 'roster.xlsx',
        contentBase64: base64,
        program: 'elderly',
        updates: 'accept',
      });
      if (!r.ok || r.value.accepted !== rowsCount)
        throw new Error(`commit: ${JSON.stringify(r.ok ? r.value.accepted : r.error)}`);
    });
    t.app.close();
    const floor = median(reader);
    const peakMb = process.resourceUsage().maxRSS / 1024;
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
        measure: 'import commit (one transaction, once)',
        medianMs: commit,
        floorMs: floor,
        target: '',
        ok: null,
        note: `${((commit / rowsCount) * 1000).toFixed(0)} µs a row`,
      },
    ];
    printTable(`Import (issue 7), peak RSS ${peakMb.toFixed(0)} MB`, rows);
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
