import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  ageOn,
  birthdayInYear,
  daysInMonth,
  isoDate,
  monthOf,
  parseMonth,
} from '../../../shared/domain/dates';
import {
  defaultPolicy,
  entitlement,
  sampleStandards,
  type EnrolmentFacts,
  type PersonFacts,
} from '../../../shared/domain/entitlement';
import type { Program } from '../../../shared/domain/programs';

const dateArb = (fromYear: number, toYear: number) =>
  fc
    .record({
      y: fc.integer({ min: fromYear, max: toYear }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 31 }),
    })
    .map(({ y, m, d }) => isoDate(y, m, Math.min(d, daysInMonth(y, m))));
const leapDayArb = fc
  .integer({ min: 1904, max: 2016 })
  .filter((y) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))
  .map((y) => `${y}-02-29`);
const monthArb = fc
  .record({ y: fc.integer({ min: 2015, max: 2035 }), m: fc.integer({ min: 1, max: 12 }) })
  .map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });

const personArb = (birth: fc.Arbitrary<string>) =>
  fc.record({
    birthDate: birth,
    deathDate: maybe(dateArb(2015, 2035)),
    movedOutDate: maybe(dateArb(2015, 2035)),
    dibao: fc.constantFrom('none', 'urban', 'rural', 'edge'),
    tekun: fc.constantFrom('none', 'centralized', 'dispersed'),
    injuryCare: fc.boolean(),
  }) satisfies fc.Arbitrary<PersonFacts>;

const enrolmentArb = (program: fc.Arbitrary<Program>) =>
  fc.record({
    program,
    appliedOn: dateArb(2014, 2030),
    approvedOn: maybe(dateArb(2014, 2031)),
    pauses: fc.constant([]),
    certificate: maybe(
      fc.record({
        category: fc.integer({ min: 1, max: 7 }),
        grade: fc.integer({ min: 1, max: 4 }),
        expiresOn: maybe(dateArb(2015, 2040)),
      }),
    ),
    childMode: maybe(fc.constantFrom('institution', 'dispersed')),
    schoolProofUntil: maybe(dateArb(2015, 2040)),
  }) satisfies fc.Arbitrary<EnrolmentFacts>;

const run = (person: PersonFacts, enrolment: EnrolmentFacts, month: string, others: EnrolmentFacts[] = []) =>
  entitlement({ person, enrolment, others, standards: sampleStandards, policy: defaultPolicy, month });

const lastDayOf = (month: string) => {
  const p = parseMonth(month);
  if (!p) throw new Error(month);
  return isoDate(p.y, p.m, daysInMonth(p.y, p.m));
};

describe('entitlement engine under the default policy', () => {
  it('pays an elder the tier reached before the month began (29 February birthdays count on 28 February)', () => {
    fc.assert(
      fc.property(fc.oneof(dateArb(1900, 1950), leapDayArb), monthArb, (birth, month) => {
        const person: PersonFacts = {
          birthDate: birth,
          deathDate: null,
          movedOutDate: null,
          dibao: 'none',
          tekun: 'none',
          injuryCare: false,
        };
        const e: EnrolmentFacts = {
          program: 'elderly',
          appliedOn: '2000-01-01',
          approvedOn: '2000-02-01',
          pauses: [],
          certificate: null,
          childMode: null,
          schoolProofUntil: null,
        };
        // Independent statement of the rule: the age completed by the last day of the previous month.
        const age = ageOn(birth, lastDayOf(addMonths(month, -1)));
        const expected = age >= 100 ? 50_000 : age >= 90 ? 10_000 : age >= 80 ? 5_000 : 0;
        expect(run(person, e, month).amountFen).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    const leap: PersonFacts = {
      birthDate: '1944-02-29',
      deathDate: null,
      movedOutDate: null,
      dibao: 'none',
      tekun: 'none',
      injuryCare: false,
    };
    const e: EnrolmentFacts = {
      program: 'elderly',
      appliedOn: '2000-01-01',
      approvedOn: '2000-01-01',
      pauses: [],
      certificate: null,
      childMode: null,
      schoolProofUntil: null,
    };
    expect(run(leap, e, '2024-02').amountFen).toBe(0);
    expect(run(leap, e, '2024-03').amountFen).toBe(5_000);
    expect(birthdayInYear('1944-02-29', 90)).toBe('2034-02-28');
    expect(run(leap, e, '2034-03').amountFen).toBe(10_000);
  });

  it('pays no child after the month of the 18th birthday without a valid school proof', () => {
    fc.assert(
      fc.property(
        personArb(dateArb(1995, 2025)),
        enrolmentArb(fc.constantFrom<Program>('orphan', 'unattended-child')),
        monthArb,
        (person, e, month) => {
          const adult = monthOf(birthdayInYear(person.birthDate, 18));
          const proofValid = e.schoolProofUntil !== null && month <= monthOf(e.schoolProofUntil);
          if (month > adult && !proofValid) expect(run(person, e, month).amountFen).toBe(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('pays nobody after the month of death or of moving out', () => {
    fc.assert(
      fc.property(
        personArb(dateArb(1920, 2020)),
        enrolmentArb(
          fc.constantFrom<Program>('disability-living', 'disability-care', 'orphan', 'unattended-child', 'elderly'),
        ),
        monthArb,
        (person, e, month) => {
          const r = run(person, e, month);
          if (person.deathDate && month > monthOf(person.deathDate)) expect(r.amountFen).toBe(0);
          if (person.movedOutDate && month > monthOf(person.movedOutDate)) expect(r.amountFen).toBe(0);
          if (r.amountFen > 0) expect(r.code).toBe('ENTITLED');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never pays both sides of a forbidden combination in the same month', () => {
    fc.assert(
      fc.property(
        personArb(dateArb(1995, 2022)),
        enrolmentArb(fc.constant<Program>('disability-living')),
        enrolmentArb(fc.constantFrom<Program>('orphan', 'unattended-child')),
        enrolmentArb(fc.constant<Program>('disability-care')),
        monthArb,
        (person, living, child, care, month) => {
          const all = [living, child, care];
          const paid = (e: EnrolmentFacts) =>
            run(
              person,
              e,
              month,
              all.filter((o) => o !== e),
            ).amountFen > 0;
          expect(paid(living) && paid(child)).toBe(false);
          if (person.tekun !== 'none') expect(paid(living)).toBe(false);
          if (person.injuryCare) expect(paid(care)).toBe(false);
          if (person.tekun === 'centralized') expect(paid(care)).toBe(false);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('starts the disability subsidies in the month of application and children the month after approval, and explains itself', () => {
    const person: PersonFacts = {
      birthDate: '1960-05-05',
      deathDate: null,
      movedOutDate: null,
      dibao: 'urban',
      tekun: 'none',
      injuryCare: false,
    };
    const care: EnrolmentFacts = {
      program: 'disability-care',
      appliedOn: '2025-03-20',
      approvedOn: '2025-06-10',
      pauses: [],
      certificate: { category: 4, grade: 1, expiresOn: null },
      childMode: null,
      schoolProofUntil: null,
    };
    expect(run(person, care, '2025-02')).toMatchObject({ amountFen: 0, code: 'NOT_STARTED' });
    expect(run(person, care, '2025-03')).toMatchObject({
      amountFen: 15_000,
      code: 'ENTITLED',
      reason: '按重度残疾人护理补贴（grade-1）标准 150.00 元/月（2000-01 起执行）',
    });
    const child: PersonFacts = { ...person, birthDate: '2015-01-01' };
    const orphan: EnrolmentFacts = { ...care, program: 'orphan', certificate: null, childMode: 'institution' };
    expect(run(child, orphan, '2025-06')).toMatchObject({ amountFen: 0, code: 'NOT_STARTED' });
    expect(run(child, orphan, '2025-07')).toMatchObject({ amountFen: 180_000 });
    const stopped: EnrolmentFacts = { ...care, pauses: [{ fromMonth: '2025-08', untilMonth: '2025-10' }] };
    expect(run(person, stopped, '2025-09')).toMatchObject({ amountFen: 0, code: 'PAUSED' });
    expect(run(person, stopped, '2025-10')).toMatchObject({ amountFen: 15_000 });
    expect(run(person, { ...care, approvedOn: null }, '2025-09')).toMatchObject({
      amountFen: 0,
      code: 'NOT_APPROVED',
      reason: '尚未审批',
    });
  });
});
