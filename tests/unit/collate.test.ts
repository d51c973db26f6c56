import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhCompare } from '../../shared/domain/collate';

describe('zhCompare', () => {
  it('sorts Chinese names by pinyin', () => {
    expect(['张三', '李四', '王五', '阿布都', '赵六'].sort(zhCompare)).toEqual([
      '阿布都',
      '李四',
      '王五',
      '张三',
      '赵六',
    ]);
    expect(['江岸区', '汉阳区', '武昌区', '洪山区'].sort(zhCompare)).toEqual(['汉阳区', '洪山区', '江岸区', '武昌区']);
  });

  it('agrees with localeCompare(…, "zh-CN") and puts blanks first', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        if (a === '' || b === '') return;
        expect(Math.sign(zhCompare(a, b))).toBe(
          Math.sign(a.localeCompare(b, 'zh-CN', { sensitivity: 'base', numeric: true })),
        );
      }),
    );
    expect([null, '张', '', '李'].sort(zhCompare)).toEqual([null, '', '李', '张']);
  });
});
