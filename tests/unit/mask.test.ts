import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listsShowFullIds, maskIdNumber, mayRevealIdOnDetail, seesPersonalData } from '../../shared/domain/mask';

describe('ID masking', () => {
  it('keeps the first four and last four characters of an 18-character number', () => {
    expect(maskIdNumber('42010219900101123X')).toBe('4201**********123X');
    expect(maskIdNumber('420102900101123')).toBe('4201*******1123');
  });

  it('never shows more than eight characters of any value', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const masked = maskIdNumber(s);
        expect(masked.length).toBe(s.trim().length);
        expect([...masked].filter((c) => c !== '*').length).toBeLessThanOrEqual(8);
      }),
    );
  });

  it('shows full numbers in lists only to clerks and reviewers, and nothing personal to a pure administrator', () => {
    expect(listsShowFullIds(['clerk'])).toBe(true);
    expect(listsShowFullIds(['reviewer'])).toBe(true);
    expect(listsShowFullIds(['head'])).toBe(false);
    expect(listsShowFullIds(['admin'])).toBe(false);
    expect(mayRevealIdOnDetail(['head'])).toBe(true);
    expect(mayRevealIdOnDetail(['admin'])).toBe(false);
    expect(seesPersonalData(['admin'])).toBe(false);
    expect(seesPersonalData(['admin', 'head'])).toBe(true);
  });
});
