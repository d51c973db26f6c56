import { sql } from 'kysely';
import { enrolmentStatuses, type RegisterRow } from '../../../shared/contract';
import { ageOn } from '../../../shared/domain/dates';
import { maskIdNumber } from '../../../shared/domain/mask';
import { elderTier, programs, registers, type Program, type Register } from '../../../shared/domain/programs';
import { monthOf } from '../../../shared/domain/dates';
import type { ReadableStore } from '../../db/store';
import { loadCases, Rates } from '../standards/bulk';

const isProgram = (p: string): p is Program => (programs as readonly string[]).includes(p);
const isStatus = (s: string): s is RegisterRow['status'] => (enrolmentStatuses as readonly string[]).includes(s);

/**
 * One page of a register: enrolments of the register's programs with the person
 * facts of the grid, in enrolment-id order, after `afterId` (keyset paging: each
 * page costs the same however deep the grid has already loaded).
 */
export function listRegister(
  store: ReadableStore,
  register: Register,
  afterId: number,
  limit: number,
  maskIds: boolean,
  today: string,
  personId?: number,
) {
  const wanted = [...registers[register].programs];
  let counted = store.kysely.selectFrom('enrolments as e').where('e.program', 'in', wanted);
  // Unary plus keeps SQLite walking the primary key (already in id order) instead of sorting the program index's rows.
  let base = store.kysely
    .selectFrom('enrolments as e')
    .where(sql<boolean>`+e.program in (${sql.join(wanted)})`)
    .where('e.id', '>', afterId);
  if (personId !== undefined) {
    counted = counted.where('e.person_id', '=', personId);
    base = base.where('e.person_id', '=', personId);
  }
  const total = Number(store.first(counted.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
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
      .limit(limit),
  );
  // This month's amount from the entitlement engine: the same answer a payout batch would give.
  const month = monthOf(today);
  const rates = new Rates(store);
  const due = new Map(
    loadCases(store, { programs: wanted, enrolmentIds: rows.map((r) => r.enrolmentId) }).map((c) => [
      c.enrolmentId,
      rates.entitlement(c, month),
    ]),
  );
  const out: RegisterRow[] = rows.flatMap((r) => {
    const program = r.program;
    if (!isProgram(program) || !isStatus(r.status)) return [];
    const tier = program === 'elderly' ? elderTier(r.birthDate, today) : null;
    const childMode = r.childMode === 'institution' || r.childMode === 'dispersed' ? r.childMode : null;
    return {
      ...r,
      program,
      status: r.status,
      idNumber: maskIds ? maskIdNumber(r.idNumber) : r.idNumber,
      age: ageOn(r.birthDate, today),
      childMode,
      tier,
      monthlyFen: due.get(r.enrolmentId)?.amountFen ?? 0,
      monthlyReason: due.get(r.enrolmentId)?.reason ?? '',
    };
  });
  return { rows: out, total, idsMasked: maskIds };
}
