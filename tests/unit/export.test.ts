import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvField, neutralizeFormula } from '../../electron/services/files/csv';
import { csvTable, xlsxTable } from '../../electron/services/export/table';

describe('table export', () => {
  const rows = [
    ['张三', '42010219450315001X', '=HYPERLINK("http://x","点我")', 50],
    ['李四', '+1234', '@SUM(A1)', -5],
    ['王五', '-2+3', 'a,"b"\nc', null],
    ['赵六', '＝1+1', '\tx', 0],
  ];

  it('neutralises every text cell a spreadsheet would run as a formula, full-width forms included', () => {
    expect(neutralizeFormula('=1+1')).toBe("'=1+1");
    expect(neutralizeFormula('\tx')).toBe("'\tx");
    expect(neutralizeFormula('\rx')).toBe("'\rx");
    expect(neutralizeFormula('＋1')).toBe("'＋1");
    expect(neutralizeFormula('－1')).toBe("'－1");
    expect(neutralizeFormula('＠a')).toBe("'＠a");
    expect(neutralizeFormula('张三')).toBe('张三');
    expect(csvField('-12.50', false)).toBe('-12.50');
    expect(csvField('-12.50', true)).toBe(`"'-12.50"`);
  });

  it('writes CSV with a BOM, quoting, neutralised text and numbers as they are', () => {
    const text = csvTable(['=姓名', '身份证号', '备注', '金额'], rows).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(`"'=姓名"`);
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(text).toContain(`"'+1234"`);
    expect(text).toContain(`"'＝1+1"`);
    expect(text).toContain('"a,""b""\nc"');
    expect(text).toContain('42010219450315001X');
    expect(text).toContain(',-5\r\n');
  });

  it('writes xlsx whose IDs stay text and whose formula-like text is a plain string without an apostrophe', async () => {
    const buf = await xlsxTable('高龄津贴', ['姓名', '身份证号', '备注', '金额'], rows);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buf as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.name).toBe('高龄津贴');
    expect(sheet?.getCell('B2').value).toBe('42010219450315001X');
    expect(sheet?.getCell('C2').value).toBe(`=HYPERLINK("http://x","点我")`);
    expect(sheet?.getCell('C2').formula).toBeUndefined();
    expect(sheet?.getCell('C2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet?.getCell('D2').value).toBe(50);
  });
});
