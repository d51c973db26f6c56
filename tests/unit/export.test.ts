import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guardCell, writeCsv, writeXlsx } from '../../electron/services/export/table';
import { tempDir } from '../support/tmp';

describe('table export', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());
  const rows = [
    ['张三', '42010219450315001X', '=HYPERLINK("http://x","点我")', 50],
    ['李四', '+1234', '@SUM(A1)', -5],
    ['王五', '-2+3', 'a,"b"\nc', null],
  ];

  it('guards every cell that a spreadsheet would run as a formula', () => {
    expect(guardCell('=1+1')).toBe("'=1+1");
    expect(guardCell('\tx')).toBe("'\tx");
    expect(guardCell('张三')).toBe('张三');
    expect(guardCell(-5)).toBe(-5);
  });

  it('writes CSV with a BOM, quoting and guarded cells', () => {
    const path = join(tmp.dir, 't.csv');
    writeCsv(path, ['姓名', '身份证号', '备注', '金额'], rows);
    const text = readFileSync(path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(text).toContain("'+1234");
    expect(text).toContain('"a,""b""\nc"');
    expect(text).toContain('42010219450315001X');
  });

  it('writes xlsx whose IDs stay text and whose formulas are inert', async () => {
    const path = join(tmp.dir, 't.xlsx');
    await writeXlsx(path, '高龄津贴', ['姓名', '身份证号', '备注', '金额'], rows);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.worksheets[0];
    expect(sheet?.name).toBe('高龄津贴');
    expect(sheet?.getCell('B2').value).toBe('42010219450315001X');
    expect(sheet?.getCell('C2').value).toBe(`'=HYPERLINK("http://x","点我")`);
    expect(sheet?.getCell('C2').formula).toBeUndefined();
    expect(sheet?.getCell('D2').value).toBe(50);
  });
});
