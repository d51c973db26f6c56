import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBankFile, type BankLine, type StoredTemplate } from '../../electron/services/payouts/bank-file';
import { textWorkbook } from '../../electron/services/payouts/bank-xlsx';
import { tempDir } from '../support/tmp';

const line = (id: number, name: string, amountFen: number, note = ''): BankLine => ({
  id,
  name,
  idNumber: '11010519401231001X',
  account: '6217000010000000001',
  holder: null,
  bankName: '农商银行',
  amountFen,
  month: '2026-11',
  kind: 'regular',
  township: '花桥街道',
  village: '花桥社区',
  note,
});

const template: StoredTemplate = {
  id: 1,
  name: '一卡通',
  format: 'xlsx',
  encoding: 'utf8',
  headerRow: true,
  columns: [
    { field: 'seq', header: '序号' },
    { field: 'reference', header: '流水号' },
    { field: 'name', header: '户名' },
    { field: 'idNumber', header: '身份证号' },
    { field: 'account', header: '账号', width: 22 },
    { field: 'amountYuan', header: '金额' },
    { field: 'note', header: '备注' },
  ],
  fileNamePattern: '代发',
};

describe('bank xlsx written as sheet XML', () => {
  const lines = [
    line(1, '张三', 123456),
    line(2, '买买提·艾力', 5000, ' 前后空格 '),
    line(3, '李<四>&"', 100, '第一行\n第二行'),
  ];

  it('reads back in Excel’s model (exceljs) as text cells with the template’s headers, widths and values', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await buildBankFile(template, lines)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('发放明细');
    if (!sheet) throw new Error('no sheet');
    const rows: unknown[][] = [];
    sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      ['序号', '流水号', '户名', '身份证号', '账号', '金额', '备注'],
      ['1', 'WD000000001', '张三', '11010519401231001X', '6217000010000000001', '1234.56', '正常发放 2026-11'],
      ['2', 'WD000000002', '买买提·艾力', '11010519401231001X', '6217000010000000001', '50.00', ' 前后空格 '],
      ['3', 'WD000000003', '李<四>&"', '11010519401231001X', '6217000010000000001', '1.00', '第一行\n第二行'],
    ]);
    expect(sheet.getColumn(5).width).toBe(22);
    expect(sheet.getColumn(1).width).toBe(14);
  });

  it('is a valid zip that SheetJS reads with string cells only (an account never becomes a number)', async () => {
    const file = await buildBankFile(template, lines);
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'bank.xlsx');
      writeFileSync(path, file);
      expect(execFileSync('unzip', ['-t', path], { encoding: 'utf8' })).toContain('No errors detected');
    } finally {
      tmp.cleanup();
    }
    const sheet = XLSX.read(file).Sheets['发放明细'];
    if (!sheet) throw new Error('no sheet');
    expect(sheet['!ref']).toBe('A1:G4');
    for (const ref of ['A2', 'D2', 'E2', 'F2']) expect(sheet[ref]?.t).toBe('s');
    expect(sheet['E4']?.v).toBe('6217000010000000001');
  });

  it('drops characters XML cannot carry instead of writing a file Excel refuses', () => {
    const sheet = XLSX.read(textWorkbook({ name: '表', widths: [], rows: [['a\u0001b', '']] })).Sheets['表'];
    expect(sheet?.['A1']?.v).toBe('ab');
  });
});
