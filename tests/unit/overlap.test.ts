import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlapAtEntry } from '../../shared/domain/overlap';
import { programs } from '../../shared/domain/programs';

const facts = { tekun: 'none', dibao: 'none', injuryCare: false, openPrograms: [] } as const;

describe('overlap rules at application entry', () => {
  it('refuses each forbidden combination with its own code and a Chinese reason', () => {
    expect(overlapAtEntry('disability-living', { ...facts, openPrograms: ['orphan'] }).refused).toEqual({
      code: 'OVERLAP_CHILD_LIVING',
      message: '已享受孤儿基本生活保障金，不能再申请困难残疾人生活补贴（不可兼得）',
    });
    expect(overlapAtEntry('unattended-child', { ...facts, openPrograms: ['disability-living'] }).refused?.code).toBe(
      'OVERLAP_CHILD_LIVING',
    );
    expect(overlapAtEntry('disability-living', { ...facts, tekun: 'dispersed' }).refused?.code).toBe(
      'OVERLAP_TEKUN_LIVING',
    );
    expect(overlapAtEntry('disability-care', { ...facts, injuryCare: true }).refused?.code).toBe('OVERLAP_INJURY_CARE');
    expect(overlapAtEntry('disability-care', { ...facts, tekun: 'centralized' }).refused?.code).toBe(
      'OVERLAP_CENTRALIZED_CARE',
    );
    // Dispersed 特困 may still get the care subsidy; both disability subsidies combine.
    expect(
      overlapAtEntry('disability-care', { ...facts, tekun: 'dispersed', openPrograms: ['disability-living'] }),
    ).toEqual({ refused: null, decisions: [] });
  });

  it('keeps a child application with 低保 or the care subsidy but asks for a 就高不就低 decision', () => {
    const v = overlapAtEntry('orphan', { ...facts, dibao: 'rural', openPrograms: ['disability-care'] });
    expect(v.refused).toBeNull();
    expect(v.decisions).toEqual([
      '同时享受低保、同时享受重度残疾人护理补贴：须按就高不就低原则决定只补差额或放弃其中一项',
    ]);
    expect(overlapAtEntry('orphan', { ...facts, dibao: 'edge' }).decisions).toEqual([]);
  });

  it('never refuses the old-age allowance and never both refuses and asks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...programs),
        fc.constantFrom('none', 'centralized', 'dispersed'),
        fc.constantFrom('none', 'urban', 'rural', 'edge'),
        fc.boolean(),
        fc.subarray([...programs]),
        (program, tekun, dibao, injuryCare, openPrograms) => {
          const v = overlapAtEntry(program, { tekun, dibao, injuryCare, openPrograms });
          if (program === 'elderly') expect(v).toEqual({ refused: null, decisions: [] });
          expect(v.refused !== null && v.decisions.length > 0).toBe(false);
        },
      ),
    );
  });
});
