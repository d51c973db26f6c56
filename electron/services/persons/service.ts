import type { Person, PersonInput } from '../../../shared/contract';
import { parseIdNumber } from '../../../shared/domain/id-number';
import { checkBankAccount, checkName, checkPhone } from '../../../shared/domain/person-fields';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { ReadableStore, Store, WritableStore } from '../../db/store';
import { checkIdAddress } from '../regions/id-address';
import type { PersonsTable } from '../../db/schema';
import { settlePerson } from '../payouts/settle';
import { findPersonById, findPersonByIdNumber, toPerson } from './queries';
import { nameKeys } from './pinyin';

export type PersonValues = Omit<PersonsTable, 'id' | 'created_at' | 'created_by'>;

function fail(field: string, message: string, code = 'INVALID'): never {
  throw new AppError('INVALID_INPUT', `${field}：${message}`, { field, code });
}

/** Applies the domain checks once more (the contract ran them too) and normalises every value. */
export function personValues(
  w: WritableStore,
  input: PersonInput,
  actor: Actor,
  now: string,
  today: string,
  isVillage: (code: string) => boolean = (code) =>
    w.first(w.kysely.selectFrom('regions').select(['level']).where('code', '=', code))?.level === 'village',
): PersonValues {
  const id = parseIdNumber(input.idNumber);
  if (!id.ok) fail('身份证号', id.issue.message, id.issue.code);
  if (id.value.birthDate > today)
    fail('身份证号', `身份证号中的出生日期 ${id.value.birthDate} 晚于今天`, 'ID_BIRTHDATE');
  const name = checkName(input.name);
  if (!name.ok) fail('姓名', name.issue.message, name.issue.code);
  const phone = checkPhone(input.phone ?? '');
  if (!phone.ok) fail('联系电话', phone.issue.message, phone.issue.code);
  const account = checkBankAccount(input.bankAccount ?? '');
  if (!account.ok) fail('银行账号', account.issue.message, account.issue.code);
  const holderId = input.accountHolderId ? parseIdNumber(input.accountHolderId) : null;
  if (holderId && !holderId.ok) fail('户主身份证号', holderId.issue.message, holderId.issue.code);
  if (input.villageCode && !isVillage(input.villageCode))
    fail('村（社区）', `区划代码 ${input.villageCode} 不在本县的村（社区）名单中`, 'REGION_UNKNOWN');
  for (const [label, date] of [
    ['死亡日期', input.deathDate],
    ['户籍迁出日期', input.movedOutDate],
  ] as const) {
    if (date && date < id.value.birthDate) fail(label, `${date} 早于出生日期 ${id.value.birthDate}`, 'DATE_FORMAT');
    if (date && date > today) fail(label, `${date} 晚于今天`, 'DATE_FORMAT');
  }
  const keys = nameKeys(name.value);
  const blank = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);
  return {
    id_number: id.value.id,
    id_number_original: id.value.original,
    name: name.value,
    name_pinyin: keys.pinyin,
    name_initials: keys.initials,
    sex: id.value.sex,
    birth_date: id.value.birthDate,
    ethnicity: blank(input.ethnicity),
    phone: phone.value,
    hukou_type: input.hukouType ?? null,
    village_code: input.villageCode ?? null,
    address: blank(input.address),
    dibao: input.dibao ?? 'none',
    tekun: input.tekun ?? 'none',
    injury_care: input.injuryCare ? 1 : 0,
    bank_name: blank(input.bankName),
    bank_account: account.value,
    account_holder_name: blank(input.accountHolderName),
    account_holder_id: holderId?.ok ? holderId.value.id : null,
    death_date: input.deathDate ?? null,
    moved_out_date: input.movedOutDate ?? null,
    updated_at: now,
    updated_by: actor.username,
  };
}

function changed(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) {
    if (k === 'updated_at' || k === 'updated_by') continue;
    if (before[k] !== v) {
      b[k] = before[k];
      a[k] = v;
    }
  }
  return { before: b, after: a };
}

/** The person's facts the entitlement engine reads. */
const ENGINE_FACTS = ['birth_date', 'death_date', 'moved_out_date', 'dibao', 'tekun', 'injury_care'] as const;

/**
 * An ID whose address code no county of the national list has is refused until
 * the clerk confirms it (a typing error looks the same as an abolished code).
 * Only a new number is checked: re-saving a person never asks again.
 */
export function requireIdAddressConfirmed(store: ReadableStore, input: PersonInput): void {
  if (input.idAddressConfirmed) return;
  const id = parseIdNumber(input.idNumber);
  if (!id.ok) return;
  const existing = input.id === undefined ? undefined : findPersonById(store, input.id);
  if (existing?.id_number === id.value.id) return;
  const a = checkIdAddress(store, id.value.id);
  if (a.status === 'unknown')
    throw new AppError('ID_ADDRESS_UNCONFIRMED', `身份证号：${a.warning ?? ''}`, { field: 'idNumber', code: a.code });
}

/** Creates a person, or updates one by `id`; one transaction, audited with what changed. */
export function savePerson(store: Store, actor: Actor, input: PersonInput, now: string, today: string): Person {
  const id = store.write(actor, (w) => {
    const values = personValues(w, input, actor, now, today);
    const sameId = findPersonByIdNumber(w, values.id_number);
    if (input.id === undefined) {
      if (sameId)
        throw new AppError(
          'PERSON_EXISTS',
          `身份证号 ${values.id_number} 已登记（${sameId.name}），请在台账中打开该人员`,
          { id: sameId.id },
        );
      const r = w.run(
        w.kysely.insertInto('persons').values({ ...values, created_at: now, created_by: actor.username }),
      );
      w.audit({
        action: 'person.add',
        entity: 'person',
        entityId: r.lastInsertRowid,
        after: input.idAddressConfirmed ? { ...values, idAddressConfirmed: true } : values,
      });
      return r.lastInsertRowid;
    }
    const existing = findPersonById(w, input.id);
    if (!existing) throw new AppError('PERSON_NOT_FOUND');
    // The form sends the upgraded 18-digit number back: keep the 15-digit original as first entered.
    if (values.id_number === existing.id_number && values.id_number_original === null)
      values.id_number_original = existing.id_number_original;
    if (sameId && sameId.id !== existing.id)
      throw new AppError('PERSON_EXISTS', `身份证号 ${values.id_number} 已属于另一人（${sameId.name}）`, {
        id: sameId.id,
      });
    const diff = changed(existing, values);
    if (Object.keys(diff.after).length === 0) return existing.id;
    w.run(w.kysely.updateTable('persons').set(values).where('id', '=', existing.id));
    w.audit({
      action: 'person.update',
      entity: 'person',
      entityId: existing.id,
      before: diff.before,
      after: diff.after,
    });
    // A move-out or death entered late (or corrected) changes months already paid: settled at once.
    if (ENGINE_FACTS.some((k) => k in diff.after)) settlePerson(w, actor, existing.id, now);
    return existing.id;
  });
  const saved = findPersonById(store, id);
  if (!saved) throw new AppError('INTERNAL');
  return toPerson(store, saved, false);
}
