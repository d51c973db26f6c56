import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findHeader,
  isTotalRow,
  matchHeader,
  normalizeHeader,
  registerAliases,
  type TextRow,
} from '../../shared/domain/import';
import { applyMapping } from '../../shared/domain/import/table';

const rows = (cells: string[][], first = 1): TextRow[] => cells.map((c, i) => ({ row: first + i, cells: c }));

describe('header matching', () => {
  it.each([
    ['身份证号', 'idNumber'],
    ['公民身份号码', 'idNumber'],
    ['身份证号码\n（18位）', 'idNumber'],
    ['*姓 名', 'name'],
    ['一卡通账号', 'bankAccount'],
    ['卡号', 'bankAccount'],
    ['乡镇（街道）', 'township'],
    ['乡(镇、街道)', 'township'],
    ['村（社区）', 'village'],
    ['监护人', 'guardianName'],
    ['残疾证号', 'certificate'],
    ['持卡人姓名', 'accountHolderName'],
  ])('%s → %s', (header, field) => expect(matchHeader(header, registerAliases)).toBe(field));

  it('does not guess: unknown headers stay unmapped', () => {
    for (const h of ['备用', '所在村组', '户主姓名', '']) expect(matchHeader(h, registerAliases)).toBeNull();
  });

  it('finds the header below any number of title rows, whatever the column order', () => {
    const headers = ['姓名', '身份证号', '乡镇', '村', '卡号', '开户行'];
    fc.assert(
      fc.property(
        fc.shuffledSubarray(headers, { minLength: 2 }),
        fc.array(fc.constantFrom('江岸区花名册', '', '填报单位：'), { maxLength: 10 }),
        (cols, titles) => {
          if (!cols.includes('姓名') || !cols.includes('身份证号')) return;
          const sheet = rows([...titles.map((t) => [t]), cols, cols.map(() => 'x')]);
          const found = findHeader(sheet, registerAliases, ['name', 'idNumber']);
          expect(found?.headerRows).toEqual([titles.length + 1]);
          expect(found?.dataStart).toBe(titles.length + 1);
          expect(found?.columns.map((c) => c.field)).toEqual(cols.map((h) => matchHeader(h, registerAliases)));
        },
      ),
    );
  });

  it('joins a two-row header: group labels above, field names below', () => {
    const sheet = rows(
      [
        ['姓名', '身份证号', '残疾情况', '残疾情况', '银行信息', '银行信息'],
        ['姓名', '身份证号', '类别', '等级', '卡号', '开户行'],
        ['张三', '1', '', '', '', ''],
      ],
      3,
    );
    const found = findHeader(sheet, registerAliases, ['name']);
    expect(found?.columns.map((c) => c.field)).toEqual([
      'name',
      'idNumber',
      'category',
      'grade',
      'bankAccount',
      'bankName',
    ]);
    expect(found?.dataStart).toBe(2);
  });

  it('returns null when the required fields are missing', () => {
    expect(
      findHeader(
        rows([
          ['姓名', '地址'],
          ['张三', '某处'],
        ]),
        registerAliases,
        ['name', 'idNumber'],
      ),
    ).toBeNull();
  });

  it('a corrected column wins over the automatic one for the same field', () => {
    const cols = [
      { index: 0, header: '姓名', field: 'name' as const },
      { index: 1, header: '户主姓名', field: null },
    ];
    expect(applyMapping(cols, { 户主姓名: 'name' }).map((c) => c.field)).toEqual([null, 'name']);
  });

  it('normalises spaces, marks and notes', () => expect(normalizeHeader(' *身份证号码（必填）：')).toBe('身份证号码'));

  it('knows total rows but not people', () => {
    expect(isTotalRow(['合  计', '', '35 人'])).toBe(true);
    expect(isTotalRow(['', '小计'])).toBe(true);
    expect(isTotalRow(['1', '张合计', '4201…'])).toBe(false);
  });
});
