import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCharacter, normalizeIdInput, parseIdNumber, upgrade15 } from '../../../shared/domain/id-number';
import { idArb } from './arbitraries';

const code = (raw: string) => {
  const r = parseIdNumber(raw);
  return r.ok ? 'ok' : r.issue.code;
};

describe('ID numbers (GB 11643-1999)', () => {
  it('accepts a known-good number and derives birth date and sex', () => {
    const r = parseIdNumber('11010519491231002X');
    expect(r).toEqual({
      ok: true,
      value: { id: '11010519491231002X', original: null, birthDate: '1949-12-31', sex: 'F' },
    });
  });

  it('accepts every correctly built number and derives what it says', () => {
    fc.assert(
      fc.property(idArb, ({ id, birth, sex }) => {
        const r = parseIdNumber(id);
        expect(r).toEqual({ ok: true, value: { id, original: null, birthDate: birth, sex } });
      }),
    );
  });

  it('rejects any single changed digit with ID_CHECKSUM (or ID_BIRTHDATE when the date breaks)', () => {
    fc.assert(
      fc.property(idArb, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 9 }), ({ id }, pos, delta) => {
        const ch = id[pos] === 'X' ? 10 : Number(id[pos]);
        const replaced =
          pos === 17 ? '10X98765432'[('10X98765432'.indexOf(id[17] ?? '') + delta) % 11] : String((ch + delta) % 10);
        const changed = id.slice(0, pos) + replaced + id.slice(pos + 1);
        expect(['ID_CHECKSUM', 'ID_BIRTHDATE', 'ID_DAMAGED']).toContain(code(changed));
      }),
    );
  });

  it('normalises what people type: spaces, full-width digits, lower-case x', () => {
    expect(normalizeIdInput(' １１０１０５ 19491231 002x ')).toBe('11010519491231002X');
    expect(code('１１０１０５１９４９１２３１００２ｘ')).toBe('ok');
  });

  it('upgrades a 15-digit number and keeps the original', () => {
    const r = parseIdNumber('110105491231002');
    expect(r).toEqual({
      ok: true,
      value: { id: upgrade15('110105491231002'), original: '110105491231002', birthDate: '1949-12-31', sex: 'F' },
    });
    expect(upgrade15('110105491231002')).toBe(`11010519491231002${checkCharacter('11010519491231002')}`);
  });

  it('reports numbers Excel damaged as ID_DAMAGED, never repairing them', () => {
    expect(code('4.20102E+17')).toBe('ID_DAMAGED');
    expect(code('4.20102199001011E+17')).toBe('ID_DAMAGED');
    expect(code('420102199001011000')).toBe('ID_DAMAGED');
    expect(code('42010219900101123')).toBe('ID_DAMAGED');
    expect(code('420102199001011234.0')).toBe('ID_DAMAGED');
  });

  it('names the problem: format, birth date, empty', () => {
    expect(code('4201021990010112')).toBe('ID_DAMAGED');
    expect(code('ABC')).toBe('ID_FORMAT');
    expect(code('420102199013011234')).toBe('ID_BIRTHDATE');
    expect(code('420102199002301234')).toBe('ID_BIRTHDATE');
    expect(code('   ')).toBe('MISSING_FIELD');
    const r = parseIdNumber('420102199001011235');
    expect(r.ok ? '' : r.issue.message).toContain('校验位不正确');
  });
});
