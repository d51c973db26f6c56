import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  publicityEnd,
  transitionRefusal,
  transitions,
  type EnrolmentStatus,
  type TransitionName,
} from '../../../shared/domain/lifecycle';

const label = (s: EnrolmentStatus) => s;
const statuses: EnrolmentStatus[] = [
  'applied',
  'reviewed',
  'approved',
  'publicized',
  'active',
  'suspended',
  'stopped',
  'rejected',
];

describe('enrolment lifecycle', () => {
  it('allows exactly the listed transitions and explains the others', () => {
    for (const s of statuses) {
      for (const [name, def] of Object.entries(transitions)) {
        const refusal = transitionRefusal(s, name as TransitionName, label);
        expect(refusal === null, `${name} from ${s}`).toBe((def.from as readonly string[]).includes(s));
        if (refusal) expect(refusal).toContain(def.label);
      }
    }
    expect(transitions.approve.secondPerson).toBe(true);
  });

  it('reaches 在册 only through review, approval and 公示', () => {
    const path: TransitionName[] = ['review', 'approve', 'publicize', 'activate'];
    let s: EnrolmentStatus = 'applied';
    for (const step of path) {
      expect(transitionRefusal(s, step, label)).toBeNull();
      s = transitions[step].to;
    }
    expect(s).toBe('active');
    expect(transitionRefusal('applied', 'activate', label)).not.toBeNull();
    expect(transitionRefusal('applied', 'approve', label)).not.toBeNull();
  });

  it('counts 公示 in working days, skipping weekends', () => {
    expect(publicityEnd('2026-11-23')).toBe('2026-11-27'); // Monday → Friday
    expect(publicityEnd('2026-11-26')).toBe('2026-12-02'); // Thursday → next Wednesday
    expect(publicityEnd('2026-11-28')).toBe('2026-12-04'); // Saturday start → Friday
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), (offset) => {
        const start = new Date(Date.UTC(2020, 0, 1 + offset)).toISOString().slice(0, 10);
        const end = publicityEnd(start);
        const days = (Date.parse(end) - Date.parse(start)) / 86_400_000;
        expect(days).toBeGreaterThanOrEqual(4);
        expect(days).toBeLessThanOrEqual(8);
        expect([0, 6]).not.toContain(new Date(`${end}T00:00:00Z`).getUTCDay());
      }),
    );
  });
});
