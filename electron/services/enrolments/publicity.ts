import { addMonths, monthOf } from '../../../shared/domain/dates';
import { maskIdNumber } from '../../../shared/domain/mask';
import { programLabels, type Program } from '../../../shared/domain/programs';
import { AppError } from '../../errors';
import type { ReadableStore } from '../../db/store';
import { readMeta } from '../app/meta';
import { entitlementOf } from '../standards/facts';

export interface PublicityRow {
  enrolmentId: number;
  name: string;
  idMasked: string;
  township: string | null;
  village: string | null;
  program: string;
  amountFen: number | null;
  from: string | null;
  to: string | null;
}

/**
 * The 公示 list for a chosen set of approvals: name, program, amount and period,
 * and the ID number always masked — whoever prints it, it goes on a wall.
 */
export function publicityList(store: ReadableStore, enrolmentIds: readonly number[], today: string) {
  const rows = store.all(
    store.kysely
      .selectFrom('enrolments as e')
      .innerJoin('persons as p', 'p.id', 'e.person_id')
      .leftJoin('regions as v', 'v.code', 'p.village_code')
      .leftJoin('regions as t', 't.code', 'v.parent_code')
      .select([
        'e.id',
        'e.program',
        'e.status',
        'e.publicity_from',
        'e.publicity_to',
        'p.name',
        'p.id_number',
        'v.name as village',
        't.name as township',
      ])
      .where('e.id', 'in', [...enrolmentIds])
      .orderBy('t.name')
      .orderBy('v.name')
      .orderBy('e.id'),
  );
  if (rows.length === 0) throw new AppError('ENROLMENT_NOT_FOUND', '没有可公示的记录');
  const out: PublicityRow[] = rows.map((r) => {
    // The amount they will receive: the first month the engine pays, from the 公示 month on.
    let amountFen: number | null = null;
    const start = monthOf(r.publicity_to ?? today);
    for (let i = 0; i < 3 && amountFen === null; i++) {
      const e = entitlementOf(store, r.id, addMonths(start, i));
      if (e.amountFen > 0) amountFen = e.amountFen;
    }
    return {
      enrolmentId: r.id,
      name: r.name,
      idMasked: maskIdNumber(r.id_number),
      township: r.township,
      village: r.village,
      program: programLabels[r.program as Program] ?? r.program,
      amountFen,
      from: r.publicity_from,
      to: r.publicity_to,
    };
  });
  const meta = readMeta(store);
  return {
    countyName: meta.county_name ?? '',
    officeName: meta.office_name ?? `${meta.county_name ?? ''}民政局`,
    printedOn: today,
    rows: out,
  };
}
