import { describe, expect, it } from 'vitest';
import { headerAt, headerSample, registerAliases, type TextRow } from '../../shared/domain/import';

const rows = (cells: string[][], first = 1): TextRow[] => cells.map((c, i) => ({ row: first + i, cells: c }));

describe('the header row the user picks', () => {
  it('is read as one row whatever its words: known words mapped, the rest and blank cells left to map', () => {
    const sheet = rows([['名单'], [], ['编号', '', '身份证号', '老人称呼'], ['1', 'x', '420102194001010615', '张三']]);
    const h = headerAt(sheet, 3, registerAliases);
    expect(h).toEqual({
      headerRows: [3],
      dataStart: 3,
      columns: [
        { index: 0, header: '编号', field: null },
        { index: 1, header: '第2列', field: null },
        { index: 2, header: '身份证号', field: 'idNumber' },
        { index: 3, header: '老人称呼', field: null },
      ],
    });
    expect(headerAt(sheet, 2, registerAliases)).toBeNull();
    expect(headerAt(sheet, 9, registerAliases)).toBeNull();
  });

  it('is picked from the first non-blank rows, their cells cut short', () => {
    const long = '很'.repeat(40);
    const sheet = rows([
      ['标题', '', ''],
      ['', ''],
      [long, ...Array.from({ length: 30 }, (_, i) => String(i))],
      ...Array.from({ length: 20 }, (_, i) => [`第${i}人`]),
    ]);
    const s = headerSample(sheet);
    expect(s).toHaveLength(12);
    expect(s[0]).toEqual({ row: 1, cells: ['标题'] });
    expect(s[1]?.row).toBe(3);
    expect(s[1]?.cells).toHaveLength(20);
    expect(s[1]?.cells[0]).toBe(`${'很'.repeat(30)}…`);
  });
});
