import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentDigest } from '../support/db';
import { initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { seedCounty, withCheck } from '../support/seed';
import { tempDir } from '../support/tmp';

/** Text that does not compress (a repeated letter would be refused as a zip bomb first). */
function noise(n: number): string {
  const abc = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let x = 12345;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += abc[x % abc.length];
  }
  return out;
}

async function xlsx(rows: string[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('花名册');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}

describe('import rows obey the forms’ limits', () => {
  let tmp: ReturnType<typeof tempDir>;
  let t: TestApp;
  beforeEach(async () => {
    tmp = tempDir();
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    await seedCounty(tmp.dir);
    t = newApp(tmp.dir);
    await signIn(t, 'li', 'li', PASSWORD);
  });
  afterEach(() => {
    t.app.close();
    tmp.cleanup();
  });

  it('a 6 MB address and a 121-character address are refused by row, the database unchanged by the dry run', async () => {
    const header = ['姓名', '身份证号', '乡镇', '村', '住址', '持卡人姓名'];
    const id = (n: number) => withCheck(`42010219400101${String(n).padStart(2, '0')}5`);
    const content = await xlsx([
      header,
      ['钱一', id(1), '花桥街道', '花桥社区', noise(6 * 1024 * 1024), ''],
      ['钱二', id(2), '花桥街道', '花桥社区', '长'.repeat(121), ''],
      ['钱五', id(5), '花桥街道', '花桥社区', '解放大道 1 号', '钱五'],
    ]);
    const input = { fileName: 'limits.xlsx', contentBase64: content, program: 'elderly' as const };
    const before = contentDigest(t.app.currentStore()!.raw);
    const preview = await invoke(t, 'li', 'import.preview', input);
    if (!preview.ok) throw new Error(preview.error.message);
    const byRow = new Map(preview.value.errors.map((e) => [e.row, e] as const).reverse());
    expect(byRow.get(2)).toMatchObject({ field: 'address', code: 'TEXT_TOO_LONG' });
    expect(byRow.get(2)?.message).toContain('住址');
    expect(byRow.get(3)).toMatchObject({ field: 'address', code: 'TEXT_TOO_LONG', message: '住址：最多 120 个字符' });
    expect(preview.value).toMatchObject({ total: 3, rejected: 2 });
    // The report never carries the refused cell back.
    expect(JSON.stringify(preview.value).length).toBeLessThan(100_000);
    expect(contentDigest(t.app.currentStore()!.raw)).toBe(before);

    const commit = await invoke(t, 'li', 'import.commit', input);
    expect(commit).toMatchObject({ ok: true, value: { created: 1, rejected: 2 } });
    const stored = t.app
      .currentStore()!
      .raw.prepare(`SELECT max(length(coalesce(address, ''))) FROM persons`)
      .pluck()
      .get();
    expect(stored).toBeLessThanOrEqual(120);
  });

  it('NUL and control characters are refused with the row and column named (csv keeps them as sent)', async () => {
    const id = (n: number) => withCheck(`42010219400102${String(n).padStart(2, '0')}5`);
    const csv = [
      '姓名,身份证号,乡镇,村,持卡人姓名',
      `钱\u0000三,${id(3)},花桥街道,花桥社区,`,
      `钱四,${id(4)},花桥街道,花桥社区,钱\u0007四`,
      `钱五,${id(5)},花桥街道,花桥社区,钱五`,
    ].join('\r\n');
    const input = {
      fileName: 'controls.csv',
      contentBase64: Buffer.from(csv, 'utf8').toString('base64'),
      program: 'elderly' as const,
    };
    const preview = await invoke(t, 'li', 'import.preview', input);
    if (!preview.ok) throw new Error(preview.error.message);
    const byRow = new Map(preview.value.errors.map((e) => [e.row, e] as const).reverse());
    expect(byRow.get(2)).toMatchObject({
      field: 'name',
      code: 'TEXT_INVALID',
      message: expect.stringContaining('姓名'),
    });
    expect(byRow.get(3)).toMatchObject({ field: 'accountHolderName', code: 'TEXT_INVALID' });
    expect(preview.value).toMatchObject({ total: 3, rejected: 2 });
  });

  it('a commit answers with its counts and the first 500 rows with problems, not every row', async () => {
    const lines = ['姓名,身份证号,乡镇'];
    for (let i = 0; i < 1200; i++) {
      const id = withCheck(`4201021930010${String(1 + Math.floor(i / 1000))}${String(i % 1000).padStart(3, '0')}`);
      lines.push(
        `孙${'一二三四五六七八九十'[i % 10] ?? ''}${'甲乙丙丁戊己庚辛壬癸'[Math.floor(i / 10) % 10] ?? ''},${id},花桥街道`,
      );
    }
    const input = {
      fileName: 'warned.csv',
      contentBase64: Buffer.from(lines.join('\n'), 'utf8').toString('base64'),
      program: 'elderly' as const,
    };
    const r = await invoke(t, 'li', 'import.commit', input);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ committed: true, created: 1200, warnings: 1200, rowsOmitted: 700 });
    expect(r.value.rows).toHaveLength(500);
    expect(r.value.warningItems.length).toBeLessThanOrEqual(500);
    expect(r.value.rows[0]?.warnings[0]?.code).toBe('MISSING_FIELD');
  });
});
