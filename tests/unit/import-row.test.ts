import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseCategory,
  parseDateText,
  parseGrade,
  regionIndex,
  validateRegisterRow,
  type RowContext,
} from '../../shared/domain/import';
import { checkCharacter } from '../../shared/domain/id-number';
import { defaultPolicy } from '../../shared/domain/entitlement';
import { idArb } from './domain/arbitraries';

const ELDER = `42010219380512011${checkCharacter('42010219380512011')}`;

const cx = (program: RowContext['program'] = 'elderly'): RowContext => ({
  program,
  today: '2026-11-28',
  regions: regionIndex([
    { code: '420102001000', name: '花桥街道', level: 'township', parentCode: null },
    { code: '420102001001', name: '花桥社区', level: 'village', parentCode: '420102001000' },
    { code: '420102002000', name: '谌家矶街道', level: 'township', parentCode: null },
    { code: '420102002001', name: '花桥社区', level: 'village', parentCode: '420102002000' },
  ]),
  policy: defaultPolicy,
});

describe('a roster row, validated by the form rules', () => {
  it('accepts any valid ID of someone old enough, deriving the birth date', () => {
    fc.assert(
      fc.property(idArb, ({ id, birth }) => {
        const r = validateRegisterRow(7, { name: '张三', idNumber: id }, cx());
        // Under the default tier rule 80 counts from the month after the birthday.
        if (birth > '1946-10-31') return;
        expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(r.record?.birthDate).toBe(birth);
      }),
    );
  });

  it('rejects every ID Excel turned into a number, saying so, and never repairs it', () => {
    fc.assert(
      fc.property(idArb, ({ id }) => {
        const shown = Number(id.slice(0, 17)).toExponential(5).toUpperCase().replace('E+', 'E+');
        const r = validateRegisterRow(3, { name: '张三', idNumber: shown }, cx());
        expect(r.record).toBeNull();
        expect(r.issues[0]).toMatchObject({ row: 3, field: 'idNumber', code: 'ID_DAMAGED' });
        expect(r.issues[0]?.message).toMatch(/^身份证号：.*不能自动修复/);
      }),
    );
  });

  it('needs the township when two townships have a village of that name', () => {
    const r = validateRegisterRow(2, { name: '张三', idNumber: ELDER, village: '花桥社区' }, cx());
    expect(r.issues.map((i) => i.code)).toContain('REGION_UNKNOWN');
    const ok = validateRegisterRow(2, { name: '张三', idNumber: ELDER, township: '谌家矶', village: '花桥' }, cx());
    expect(ok.record?.villageCode ?? ok.issues).toBe('420102002001');
  });

  it('keeps a row with only warnings', () => {
    const r = validateRegisterRow(2, { name: '张三', idNumber: ELDER, bankAccount: '6217000000000000001' }, cx());
    expect(r.record).not.toBeNull();
    expect(r.issues).toMatchObject([{ code: 'BANK_LUHN', severity: 'warning' }]);
  });

  it('reads the ways offices write dates, grades and categories', () => {
    expect(['2026-06-15', '2026/6/15', '2026.6.15', '2026年6月15日', '20260615'].map(parseDateText)).toEqual(
      Array(5).fill('2026-06-15'),
    );
    expect(parseDateText('2026-02-30')).toBeNull();
    expect(['一级', '1级', '1', '壹级', '二', '五级'].map(parseGrade)).toEqual([1, 1, 1, 1, 2, null]);
    expect(['肢体', '肢体残疾', '4', '精神类', '其他'].map(parseCategory)).toEqual([4, 4, 4, 6, null]);
  });
});
