import fc from 'fast-check';
import { isoDate, daysInMonth } from '../../../shared/domain/dates';
import { checkCharacter } from '../../../shared/domain/id-number';

export const birthDateArb = fc
  .record({
    y: fc.integer({ min: 1900, max: 2025 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => isoDate(y, m, Math.min(d, daysInMonth(y, m))));

export const addressArb = fc.constantFrom('420102', '110105', '650102', '532501', '230103');

/** A valid 18-character ID number with its parts. */
export const idArb = fc
  .record({ address: addressArb, birth: birthDateArb, seq: fc.integer({ min: 0, max: 999 }) })
  .map(({ address, birth, seq }) => {
    const first17 = `${address}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    return { id: first17 + checkCharacter(first17), birth, sex: seq % 2 === 1 ? ('M' as const) : ('F' as const) };
  });
