import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCertificate } from '../../../shared/domain/certificate';
import { ageOn, addMonths, birthdayInYear } from '../../../shared/domain/dates';
import { formatFen, parseYuan } from '../../../shared/domain/money';
import { checkBankAccount, checkName, checkPhone, luhnValid } from '../../../shared/domain/person-fields';
import { elderTier } from '../../../shared/domain/programs';
import { birthDateArb, idArb } from './arbitraries';

describe('names', () => {
  it('accepts Chinese names and minority names with a middle dot', () => {
    for (const n of ['张三', '欧阳娜娜', '买买提·艾力', '阿依古丽·买买提'])
      expect(checkName(n)).toMatchObject({ ok: true, value: n });
    expect(checkName('买买提.艾力')).toMatchObject({ ok: true, value: '买买提·艾力' });
  });
  it('rejects digits, letters, one character and blanks with NAME_INVALID or MISSING_FIELD', () => {
    for (const n of ['张3', 'Zhang San', '张', '·张三', '张三·'])
      expect(checkName(n)).toMatchObject({ ok: false, issue: { code: 'NAME_INVALID' } });
    expect(checkName(' ')).toMatchObject({ ok: false, issue: { code: 'MISSING_FIELD' } });
  });
});

describe('disability certificates', () => {
  it('accepts the ID plus category 1–7 and grade 1–4, and nothing else', () => {
    fc.assert(
      fc.property(idArb, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }), ({ id }, c, g) => {
        const r = checkCertificate(`${id}${c}${g}`, id);
        if (c >= 1 && c <= 7 && g >= 1 && g <= 4)
          expect(r).toMatchObject({ ok: true, value: { category: c, grade: g } });
        else expect(r).toMatchObject({ ok: false, issue: { code: c >= 1 && c <= 7 ? 'CERT_GRADE' : 'CERT_CATEGORY' } });
      }),
    );
  });
  it('refuses a certificate of somebody else with CERT_MISMATCH', () => {
    expect(checkCertificate('11010519491231002X41', '110105194912310037')).toMatchObject({
      ok: false,
      issue: { code: 'CERT_MISMATCH' },
    });
    expect(checkCertificate('11010519491231002X4', '11010519491231002X')).toMatchObject({
      ok: false,
      issue: { code: 'CERT_FORMAT' },
    });
  });
});

describe('bank accounts and phones', () => {
  it('warns but accepts a card failing Luhn', () => {
    expect(luhnValid('6222020200112233445')).toBe(false);
    const r = checkBankAccount('6222 0202 0011 2233 445');
    expect(r).toMatchObject({
      ok: true,
      value: '6222020200112233445',
      warnings: [{ code: 'BANK_LUHN', severity: 'warning' }],
    });
    expect(checkBankAccount('4111111111111111')).toMatchObject({ ok: true, warnings: [] });
    expect(checkBankAccount('62220abc')).toMatchObject({ ok: false, issue: { code: 'BANK_ACCOUNT_FORMAT' } });
  });
  it('checks phones', () => {
    expect(checkPhone('138 0000 1234')).toMatchObject({ ok: true, value: '13800001234' });
    expect(checkPhone('027-85551234')).toMatchObject({ ok: true, value: '02785551234' });
    expect(checkPhone('12345')).toMatchObject({ ok: false, issue: { code: 'PHONE_FORMAT' } });
  });
});

describe('dates, ages and tiers', () => {
  it('counts a 29 February birthday on 28 February in other years', () => {
    expect(birthdayInYear('1944-02-29', 80)).toBe('2024-02-29');
    expect(birthdayInYear('1944-02-29', 81)).toBe('2025-02-28');
    expect(ageOn('1944-02-29', '2025-02-27')).toBe(80);
    expect(ageOn('1944-02-29', '2025-02-28')).toBe(81);
  });
  it('age increases by exactly one on each birthday', () => {
    fc.assert(
      fc.property(birthDateArb, fc.integer({ min: 1, max: 110 }), (birth, years) => {
        const day = birthdayInYear(birth, years);
        expect(ageOn(birth, day)).toBe(years);
      }),
    );
  });
  it('derives the elder tier from age', () => {
    expect(elderTier('1945-06-15', '2025-06-14')).toBeNull();
    expect(elderTier('1945-06-15', '2025-06-15')).toBe('80-89');
    expect(elderTier('1925-01-01', '2025-01-01')).toBe('100+');
  });
  it('adds months across years', () => {
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2025-01', -13)).toBe('2023-12');
  });
});

describe('money in fen', () => {
  it('formats and parses without floats', () => {
    expect(formatFen(157600)).toBe('1,576.00');
    expect(formatFen(-5)).toBe('-0.05');
    expect(formatFen(123456789012)).toBe('1,234,567,890.12');
    expect(formatFen(99999)).toBe('999.99');
    expect(parseYuan('1,576.5')).toBe(157650);
    expect(parseYuan('100元')).toBe(10000);
    expect(parseYuan('1.234')).toBeNull();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer(),
          fc.maxSafeInteger().map((x) => x % 1e13),
        ),
        (fen) => {
          expect(parseYuan(formatFen(fen)) === fen).toBe(true);
        },
      ),
    );
  });
});
