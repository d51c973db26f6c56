import type { RegisterRow } from '../../../shared/contract';
import { ageOn } from '../../../shared/domain/dates';
import { maskIdNumber } from '../../../shared/domain/mask';
import { elderTier, registers, type Register } from '../../../shared/domain/programs';
import { sampleMonthlyFen } from '../../../shared/domain/standards-default';
import type { ReadableStore } from '../../db/store';
import { programSchema, enrolmentStatusSchema } from '../../../shared/contract';

/**
 * One page of a register: enrolments of the register's programs with the person
 * facts of the grid, in a stable order (by enrolment id) so pages can be fetched
 * one after another while the grid is already showing the first.
 */
export function listRegister(store: ReadableStore, register: Register, offset: number, limit: number, maskIds: boolean, today: string, personId?: number) {
  let base = store.kysely.selectFrom('enrolments as e').where('e.program', 'in', [...registers[register].programs]);
  if (personId !== undefined) base = base.where('e.person_id', '=', personId);
  const total = Number(store.first(base.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
  const rows = store.all(
    base
      .innerJoin('persons as p', 'p.id', 'e.person_id')
      .leftJoin('regions as v', 'v.code', 'p.village_code')
      .leftJoin('regions as t', 't.code', 'v.parent_code')
      .leftJoin('disability_certificates as c', 'c.id', 'e.certificate_id')
      .select([
        'e.id as enrolmentId',
        'e.person_id as personId',
        'p.name',
        'p.name_initials as initials',
        'p.id_number as idNumber',
        'p.sex',
        'p.birth_date as birthDate',
        't.name as township',
        'v.name as village',
        'e.program',
        'e.status',
        'c.category',
        'c.grade',
        'e.child_mode as childMode',
        'p.bank_account as bankAccount',
        'e.applied_on as appliedOn',
        'e.guardian_name as guardianName',
      ])
      .orderBy('e.id')
      .limit(limit)
      .offset(offset),
  );
  const out: RegisterRow[] = rows.map((r) => {
    const program = programSchema.parse(r.program);
    const tier = program === 'elderly' ? elderTier(r.birthDate, today) : null;
    const childMode = r.childMode === 'institution' || r.childMode === 'dispersed' ? r.childMode : null;
    return {
      ...r,
      program,
      status: enrolmentStatusSchema.parse(r.status),
      idNumber: maskIds ? maskIdNumber(r.idNumber) : r.idNumber,
      age: ageOn(r.birthDate, today),
      childMode,
      tier,
      monthlyFen: sampleMonthlyFen({ program, grade: r.grade, category: r.category, childMode, tier }),
    };
  });
  return { rows: out, total, idsMasked: maskIds };
}
