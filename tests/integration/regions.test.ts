import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialisedDir, invoke, newApp, signIn, type TestApp } from '../support/fixtures';
import { tempDir } from '../support/tmp';

async function sheet(rows: Array<Array<string | number>>): Promise<string> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('区划');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}

describe('region list', () => {
  let tmp: ReturnType<typeof tempDir>;
  let t: TestApp;
  beforeEach(async () => {
    tmp = tempDir();
    initialisedDir(tmp.dir);
    t = newApp(tmp.dir);
    await signIn(t, 'admin');
  });
  afterEach(() => {
    t.app.close();
    tmp.cleanup();
  });

  it('imports townships and villages from an xlsx below a title row, reporting bad rows by their row number', async () => {
    const content = await sheet([
      ['江岸区统计用区划代码（2025 年）'],
      ['区划代码', '名称'],
      ['420102002003', '光华村'],
      ['420102001000', '花桥街道'],
      ['420102001001', '花桥社区'],
      ['420102002000', '谌家矶街道'],
      ['4201020010', '短代码'],
      ['420199001001', '外县村'],
      ['420102009001', '无主村'],
      [],
      ['420102001002', ''],
    ]);
    const r = await invoke(t, 'admin', 'region.import', { fileName: 'regions.xlsx', contentBase64: content });
    expect(r).toMatchObject({ ok: true, value: { townships: 2, villages: 2 } });
    if (!r.ok) return;
    expect(r.value.rejected.map((x) => x.row)).toEqual([7, 8, 9, 11]);
    expect(r.value.rejected[2]?.message).toContain('所属的乡镇（街道）420102009000 尚未登记');
    const list = await invoke(t, 'admin', 'region.list', {});
    expect(list.ok && list.value.map((x) => x.name)).toEqual(['花桥街道', '谌家矶街道', '花桥社区', '光华村']);
  });

  it('refuses a file that is not a spreadsheet, changing nothing', async () => {
    const r = await invoke(t, 'admin', 'region.import', {
      fileName: 'x.xlsx',
      contentBase64: Buffer.from('not a zip').toString('base64'),
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'FILE_UNREADABLE' } });
    const list = await invoke(t, 'admin', 'region.list', {});
    expect(list.ok && list.value).toEqual([]);
  });

  it('renames in place and keeps codes inside the county', async () => {
    expect((await invoke(t, 'admin', 'region.save', { code: '420102001000', name: '花桥街' })).ok).toBe(true);
    expect(await invoke(t, 'admin', 'region.save', { code: '420102001000', name: '花桥街道' })).toMatchObject({
      ok: true,
      value: { name: '花桥街道', level: 'township' },
    });
    expect(await invoke(t, 'admin', 'region.save', { code: '110105001000', name: '外地' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
