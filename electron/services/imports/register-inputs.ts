import type { EnrolmentInput, PersonInput } from '../../../shared/contract';
import type { RegisterRecord } from '../../../shared/domain/import';
import type { Program } from '../../../shared/domain/programs';
import type { PersonRecord } from '../persons/queries';

/** A file row as the form services' inputs: the same person and application a clerk would enter. */
export function personInput(r: RegisterRecord, existing: PersonRecord | undefined): PersonInput {
  const base: PersonInput = existing
    ? {
        id: existing.id,
        idNumber: existing.id_number,
        name: existing.name,
        ethnicity: existing.ethnicity,
        phone: existing.phone,
        hukouType: existing.hukou_type,
        villageCode: existing.village_code,
        address: existing.address,
        dibao: existing.dibao,
        tekun: existing.tekun,
        injuryCare: existing.injury_care === 1,
        bankName: existing.bank_name,
        bankAccount: existing.bank_account,
        accountHolderName: existing.account_holder_name,
        accountHolderId: existing.account_holder_id,
        deathDate: existing.death_date,
        movedOutDate: existing.moved_out_date,
      }
    : { idNumber: r.idNumberOriginal ?? r.idNumber, name: r.name };
  const set = <K extends keyof PersonInput>(k: K, value: PersonInput[K] | null) => {
    if (value !== null && value !== undefined) base[k] = value;
  };
  set('name', r.name);
  set('villageCode', r.villageCode);
  set('address', r.address);
  set('phone', r.phone);
  set('ethnicity', r.ethnicity);
  set('dibao', r.dibao);
  set('bankAccount', r.bankAccount);
  set('bankName', r.bankName);
  set('accountHolderName', r.accountHolderName);
  set('accountHolderId', r.accountHolderId);
  return base;
}

export function enrolmentInput(r: RegisterRecord, personId: number, program: Program): EnrolmentInput {
  return {
    personId,
    program,
    appliedOn: r.appliedOn,
    certificate: r.certificate ? { number: r.certificate.number } : null,
    childMode: r.childMode,
    guardianName: r.guardianName,
    guardianIdNumber: r.guardianIdNumber,
    guardianRelation: r.guardianRelation,
    guardianPhone: r.guardianPhone,
    note: r.note ?? '表格导入',
  };
}
