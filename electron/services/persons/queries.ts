import type { Selectable } from 'kysely';
import type { Person } from '../../../shared/contract';
import { maskIdNumber } from '../../../shared/domain/mask';
import type { PersonsTable } from '../../db/schema';
import type { ReadableStore } from '../../db/store';

export type PersonRecord = Selectable<PersonsTable>;

export function findPersonById(store: ReadableStore, id: number): PersonRecord | undefined {
  return store.first(store.kysely.selectFrom('persons').selectAll().where('id', '=', id));
}

export function findPersonByIdNumber(store: ReadableStore, idNumber: string): PersonRecord | undefined {
  return store.first(store.kysely.selectFrom('persons').selectAll().where('id_number', '=', idNumber));
}

function regionNames(
  store: ReadableStore,
  villageCode: string | null,
): { township: string | null; village: string | null } {
  if (!villageCode) return { township: null, village: null };
  const row = store.first(
    store.kysely
      .selectFrom('regions as v')
      .leftJoin('regions as t', 't.code', 'v.parent_code')
      .select(['v.name as village', 't.name as township'])
      .where('v.code', '=', villageCode),
  );
  return { township: row?.township ?? null, village: row?.village ?? null };
}

export function toPerson(store: ReadableStore, p: PersonRecord, maskIds: boolean): Person {
  const names = regionNames(store, p.village_code);
  return {
    id: p.id,
    idNumber: maskIds ? maskIdNumber(p.id_number) : p.id_number,
    idNumberOriginal: maskIds || !p.id_number_original ? null : p.id_number_original,
    idMasked: maskIds,
    name: p.name,
    sex: p.sex,
    birthDate: p.birth_date,
    ethnicity: p.ethnicity,
    phone: p.phone,
    hukouType: p.hukou_type,
    villageCode: p.village_code,
    townshipName: names.township,
    villageName: names.village,
    address: p.address,
    dibao: p.dibao,
    tekun: p.tekun,
    injuryCare: p.injury_care === 1,
    bankName: p.bank_name,
    bankAccount: p.bank_account,
    accountHolderName: p.account_holder_name,
    accountHolderId: maskIds && p.account_holder_id ? maskIdNumber(p.account_holder_id) : p.account_holder_id,
    deathDate: p.death_date,
    movedOutDate: p.moved_out_date,
    updatedAt: p.updated_at,
    updatedBy: p.updated_by,
  };
}
