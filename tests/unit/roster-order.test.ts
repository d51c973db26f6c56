import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhCompare } from '../../shared/domain/collate';
import { inRosterOrder } from '../../shared/domain/roster-order';

const line = (id: number, township: string | null, village: string | null, name: string, month = '2026-05') => ({
  id,
  enrolmentId: id,
  township,
  village,
  name,
  month,
});

describe('the one roster order', () => {
  it('sorts township, village and name by pinyin, blanks first, not by code point', () => {
    const lines = [
      line(1, '花桥街道', '永清社区', '张三'),
      line(2, '花桥街道', '花桥社区', '赵桂兰'),
      line(3, '谌家矶街道', '光华村', '王建国'),
      line(4, '花桥街道', '花桥社区', '李秀英'),
      line(5, null, null, '孙小明'),
    ];
    expect(inRosterOrder(lines).map((l) => l.name)).toEqual(['孙小明', '王建国', '李秀英', '赵桂兰', '张三']);
    expect(lines.map((l) => l.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('is a total order that agrees with comparing the texts one by one', () => {
    const text = fc.constantFrom(null, '', '花桥', '谌家矶', '永清', '光华', '李', '张', '王');
    fc.assert(
      fc.property(
        fc.array(fc.record({ township: text, village: text, name: fc.constantFrom('张三', '李四', '王五') }), {
          maxLength: 30,
        }),
        (raw) => {
          const lines = raw.map((r, i) => ({ ...line(i + 1, r.township, r.village, r.name) }));
          const sorted = inRosterOrder(lines);
          const expected = [...lines].sort(
            (a, b) =>
              zhCompare(a.township, b.township) ||
              zhCompare(a.village, b.village) ||
              zhCompare(a.name, b.name) ||
              a.id - b.id,
          );
          expect(sorted.map((l) => l.id)).toEqual(expected.map((l) => l.id));
        },
      ),
    );
  });
});
