import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn } from '../../../shared/domain/dates';
import { eligibilityAtEntry, idFacts, type EntryFacts } from '../../../shared/domain/eligibility';
import { defaultPolicy, type Policy } from '../../../shared/domain/entitlement';
import { idAddressLookup, idAddressWarning } from '../../../shared/domain/id-address';
import { checkCharacter } from '../../../shared/domain/id-number';
import { idArb } from './arbitraries';

const facts = (f: Partial<EntryFacts>): EntryFacts => ({
  program: 'elderly',
  birthDate: '1940-03-15',
  appliedOn: '2026-06-01',
  certificate: null,
  dibao: 'none',
  schoolProofUntil: null,
  ...f,
});
const errors = (f: Partial<EntryFacts>, policy: Policy = defaultPolicy) =>
  eligibilityAtEntry(facts(f), policy).filter((i) => i.severity === 'error');

describe('eligibility at entry (one rule for import, channel and form)', () => {
  it('refuses a 1970-born person for 高龄津贴 on the ID field, with the age in the reason', () => {
    const [e] = errors({ birthDate: '1970-01-01' });
    expect(e).toMatchObject({ field: 'idNumber', code: 'NOT_ELIGIBLE' });
    expect(e?.message).toContain('申请时 56 岁，未满 80 周岁');
  });

  it('applies the county tier rule for the month of application', () => {
    // 80 on 2026-06-10: counted from 2026-07 by default, from 2026-06 where the county counts the birthday month.
    const june = { birthDate: '1946-06-10', appliedOn: '2026-06-20' };
    expect(errors(june)[0]?.message).toContain('2026-07 起符合条件');
    expect(errors(june, { ...defaultPolicy, tierFrom: 'birthday-month' })).toEqual([]);
    expect(errors({ ...june, appliedOn: '2026-07-01' })).toEqual([]);
    // A county starting at 70 takes a 72-year-old.
    const seventy = { ...defaultPolicy, elderTiers: [{ key: '70-79', minAge: 70 }, ...defaultPolicy.elderTiers] };
    expect(errors({ birthDate: '1954-01-01' }, seventy)).toEqual([]);
  });

  it('agrees with the age for any birth date: refused exactly when the tier has not begun', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }), (d) => {
        const birthDate = d.toISOString().slice(0, 10);
        const refused = errors({ birthDate, appliedOn: '2026-06-15' }).length > 0;
        const age = ageOn(birthDate, '2026-06-15');
        if (age >= 81 || (age === 80 && birthDate.slice(5, 7) < '06')) expect(refused).toBe(false);
        if (age < 80) expect(refused).toBe(true);
      }),
    );
  });

  it('refuses grade 3 for 护理补贴 unless the county extends it to 智力/精神', () => {
    const cert = { category: 5, grade: 3 };
    expect(errors({ program: 'disability-care', certificate: cert })[0]).toMatchObject({ field: 'grade' });
    expect(
      errors(
        { program: 'disability-care', certificate: cert },
        { ...defaultPolicy, careForGrade34IntellectualMental: true },
      ),
    ).toEqual([]);
    expect(errors({ program: 'disability-care', certificate: { category: 4, grade: 1 } })).toEqual([]);
  });

  it('asks for 低保 for 生活补贴: none refused, edge by policy, unknown a warning', () => {
    const living = (dibao: EntryFacts['dibao'], p = defaultPolicy) =>
      eligibilityAtEntry(facts({ program: 'disability-living', dibao }), p);
    expect(living('rural')).toEqual([]);
    expect(living('none')[0]).toMatchObject({ field: 'dibao', severity: 'error' });
    expect(living('edge')[0]).toMatchObject({ field: 'dibao', severity: 'error' });
    expect(living('edge', { ...defaultPolicy, livingForDibaoEdge: true })).toEqual([]);
    expect(living(null)[0]).toMatchObject({ field: 'dibao', severity: 'warning' });
  });

  it("takes an adult child only with a valid school proof, up to the county's maximum age", () => {
    const child = { program: 'orphan' as const, birthDate: '2007-03-01', appliedOn: '2026-06-01' };
    expect(errors({ ...child, birthDate: '2010-01-01' })).toEqual([]);
    expect(errors(child)[0]?.message).toContain('须填写在校证明有效期');
    expect(errors({ ...child, schoolProofUntil: '2026-05-31' })[0]).toMatchObject({ field: 'schoolProofUntil' });
    expect(errors({ ...child, schoolProofUntil: '2027-07-01' })).toEqual([]);
    expect(
      errors({ ...child, schoolProofUntil: '2027-07-01' }, { ...defaultPolicy, schoolProofExtension: false }),
    ).toHaveLength(1);
    expect(errors({ ...child, birthDate: '2003-01-01', schoolProofUntil: '2027-07-01' })[0]?.message).toContain(
      '22 周岁',
    );
  });
});

describe('what an ID number shows while it is typed', () => {
  it('derives birth date, sex, age and tier for any valid number', () => {
    fc.assert(
      fc.property(idArb, ({ id, birth }) => {
        const f = idFacts(id, '2026-06-15', defaultPolicy);
        if (birth > '2026-06-15') return expect(f).toBeNull();
        expect(f).toMatchObject({ birthDate: birth, age: ageOn(birth, '2026-06-15'), addressCode: id.slice(0, 6) });
        expect(f?.sex).toBe(Number(id[16]) % 2 ? 'M' : 'F');
        if (f && f.age < 80) expect(f.tier).toBeNull();
        if (f && f.age >= 101) expect(f.tier).toBe('100+');
      }),
    );
  });
});

describe('the address code of an ID against the national list', () => {
  const tree = [
    {
      code: '42',
      name: '湖北省',
      cities: [{ code: '4209', name: '孝感市', counties: [{ code: '420923', name: '云梦县' }] }],
    },
  ];
  const lookup = idAddressLookup(tree, '420923');
  it('knows this county, another county, and an unknown code, and asks only about the unknown', () => {
    expect(lookup('420923').status).toBe('county');
    expect(idAddressWarning(lookup('420923'), '云梦县')).toBeNull();
    expect(lookup('420900')).toMatchObject({ status: 'other', place: '湖北省孝感市' });
    expect(lookup('999999')).toMatchObject({ status: 'unknown', place: null });
    expect(idAddressWarning(lookup('999999'), '云梦县')).toContain('不在全国县级区划名单中');
  });
  it('takes the code from the number itself', () => {
    const id = `99999919400101001`;
    expect(idFacts(id + checkCharacter(id), '2026-01-01', defaultPolicy)?.addressCode).toBe('999999');
  });
});
