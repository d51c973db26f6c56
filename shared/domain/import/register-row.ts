import { checkCertificate, type Certificate } from '../certificate';
import { eligibilityAtEntry, type EligibilityPolicy } from '../eligibility';
import { idAddressWarning, type IdAddressLookup } from '../id-address';
import { parseIdNumber } from '../id-number';
import { issue, type FieldIssue, type FieldIssueCode } from '../issues';
import { checkBankAccount, checkName, checkPhone } from '../person-fields';
import type { Program } from '../programs';
import { normalizeRegionCode } from '../region';
import { registerFieldLabels, type RegisterField } from './fields';
import {
  parseCategory,
  parseChildMode,
  parseDateText,
  parseDibao,
  parseGrade,
  regionNameKey,
  type DibaoKind,
} from './values';

/** One problem of one row, as the report and the CLI JSON show it. */
export interface RowIssue {
  /** The row number as the spreadsheet shows it. */
  row: number;
  field: RegisterField | 'row';
  code: FieldIssueCode;
  /** Chinese, starting with the field's label. */
  message: string;
  severity: 'error' | 'warning';
}

/** What a valid row becomes: a person and the program facts of their enrolment. */
export interface RegisterRecord {
  idNumber: string;
  idNumberOriginal: string | null;
  birthDate: string;
  name: string;
  villageCode: string | null;
  address: string | null;
  phone: string | null;
  ethnicity: string | null;
  dibao: DibaoKind | null;
  bankAccount: string | null;
  bankName: string | null;
  accountHolderName: string | null;
  accountHolderId: string | null;
  appliedOn: string;
  certificate: Certificate | null;
  childMode: 'institution' | 'dispersed' | null;
  guardianName: string | null;
  guardianIdNumber: string | null;
  guardianRelation: string | null;
  guardianPhone: string | null;
  note: string | null;
}

export interface RegionIndex {
  /** Township code by name key (see `regionNameKey`). */
  townships: ReadonlyMap<string, string>;
  /** Villages by name key: several townships may have a village of the same name. */
  villages: ReadonlyMap<string, ReadonlyArray<{ code: string; township: string }>>;
  villageCodes: ReadonlySet<string>;
  townshipCodes?: ReadonlySet<string>;
}

export function regionIndex(
  regions: ReadonlyArray<{
    code: string;
    name: string;
    level: string;
    parentCode: string | null;
    retired?: boolean;
  }>,
): RegionIndex {
  const townships = new Map<string, string>();
  const townshipCodes = new Set<string>();
  const villages = new Map<string, Array<{ code: string; township: string }>>();
  const villageCodes = new Set<string>();
  for (const r of regions) {
    // A retired region takes no new people.
    if (r.retired) continue;
    if (r.level === 'township') {
      townships.set(regionNameKey(r.name), r.code);
      townshipCodes.add(r.code);
    } else {
      villageCodes.add(r.code);
      const key = regionNameKey(r.name);
      villages.set(key, [...(villages.get(key) ?? []), { code: r.code, township: r.parentCode ?? '' }]);
    }
  }
  return { townships, villages, villageCodes, townshipCodes };
}

export interface RowContext {
  program: Program;
  today: string;
  regions: RegionIndex;
  /** From the county policy in force. */
  policy: EligibilityPolicy;
  /** The ID's address code against the national list; a number from elsewhere is a warning. */
  idAddress?: IdAddressLookup;
  countyName?: string;
}

export interface RowResult {
  row: number;
  record: RegisterRecord | null;
  issues: RowIssue[];
}

/**
 * Validates one roster row with the same domain rules the forms use (ID number,
 * name, certificate, bank account, phone, region, eligibility) and builds the
 * record it stands for. Errors reject the row; warnings (a card failing Luhn)
 * are reported and the row is kept.
 */
export function validateRegisterRow(
  row: number,
  values: Partial<Record<RegisterField, string>>,
  cx: RowContext,
): RowResult {
  const issues: RowIssue[] = [];
  const add = (field: RegisterField, i: FieldIssue) =>
    issues.push({
      row,
      field,
      code: i.code,
      message: `${registerFieldLabels[field]}：${i.message}`,
      severity: i.severity,
    });
  const fail = (field: RegisterField, code: FieldIssueCode, message: string) => add(field, issue(code, message));
  const warn = (field: RegisterField, code: FieldIssueCode, message: string) =>
    add(field, issue(code, message, 'warning'));
  const v = (f: RegisterField) => (values[f] ?? '').trim();
  const opt = (f: RegisterField) => v(f) || null;

  const id = parseIdNumber(v('idNumber'));
  if (!id.ok) add('idNumber', id.issue);
  else if (id.value.birthDate > cx.today)
    fail('idNumber', 'ID_BIRTHDATE', `身份证号中的出生日期 ${id.value.birthDate} 晚于今天`);
  const name = checkName(v('name'));
  if (!name.ok) add('name', name.issue);

  const birth = v('birthDate');
  if (id.ok && birth) {
    const stated = parseDateText(birth);
    if (stated && stated !== id.value.birthDate)
      fail('birthDate', 'ID_BIRTHDATE', `表中出生日期 ${stated} 与身份证号中的 ${id.value.birthDate} 不一致`);
  }

  const checked = <T>(
    field: RegisterField,
    r: { ok: true; value: T; warnings: FieldIssue[] } | { ok: false; issue: FieldIssue },
  ): T | null => {
    if (!r.ok) {
      add(field, r.issue);
      return null;
    }
    for (const w of r.warnings) add(field, w);
    return r.value;
  };
  const phone = checked('phone', checkPhone(v('phone')));
  const guardianPhone = checked('guardianPhone', checkPhone(v('guardianPhone')));
  const bankAccount = checked('bankAccount', checkBankAccount(v('bankAccount')));
  const idOf = (field: RegisterField): string | null => {
    if (!v(field)) return null;
    const r = parseIdNumber(v(field));
    if (!r.ok) add(field, r.issue);
    return r.ok ? r.value.id : null;
  };
  const accountHolderId = idOf('accountHolderId');
  const guardianIdNumber = idOf('guardianIdNumber');

  const villageCode = resolveVillage(v('township'), v('village'), v('villageCode'), cx.regions, fail, warn);

  let appliedOn = cx.today;
  if (v('appliedOn')) {
    const d = parseDateText(v('appliedOn'));
    if (!d) fail('appliedOn', 'DATE_FORMAT', `“${v('appliedOn')}”不是有效日期`);
    else if (d > cx.today) fail('appliedOn', 'DATE_FORMAT', `${d} 晚于今天`);
    else if (id.ok && d < id.value.birthDate)
      fail('appliedOn', 'DATE_FORMAT', `${d} 早于出生日期 ${id.value.birthDate}`);
    else appliedOn = d;
  }

  const isDisability = cx.program === 'disability-living' || cx.program === 'disability-care';
  const isChild = cx.program === 'orphan' || cx.program === 'unattended-child';
  let certificate: Certificate | null = null;
  if (isDisability && id.ok) {
    certificate = checked('certificate', checkCertificate(v('certificate'), id.value.id));
    const category = v('category');
    const grade = v('grade');
    if (certificate && category && parseCategory(category) !== certificate.category) {
      fail('category', 'CERT_CATEGORY', `“${category}”与残疾人证号第 19 位表示的类别（${certificate.category}）不一致`);
    }
    if (certificate && grade && parseGrade(grade) !== certificate.grade) {
      fail('grade', 'CERT_GRADE', `“${grade}”与残疾人证号第 20 位表示的等级（${certificate.grade}）不一致`);
    }
  }

  let dibao: DibaoKind | null = null;
  if (v('dibao')) {
    const d = parseDibao(v('dibao'));
    if (d === null) fail('dibao', 'MISSING_FIELD', `“${v('dibao')}”无法识别，应为城市低保、农村低保、低保边缘或否`);
    else if (d === 'yes') {
      dibao = 'rural';
      warn('dibao', 'MISSING_FIELD', '未写明城市低保或农村低保，按农村低保登记，请核实');
    } else dibao = d;
  }

  let childMode: RegisterRecord['childMode'] = null;
  if (isChild) {
    childMode = v('childMode') ? parseChildMode(v('childMode')) : null;
    if (!v('childMode')) fail('childMode', 'MISSING_FIELD', '未填写养育方式（集中养育或社会散居）');
    else if (!childMode) fail('childMode', 'MISSING_FIELD', `“${v('childMode')}”无法识别，应为集中养育或社会散居`);
  }

  if (id.ok && cx.idAddress) {
    const w = idAddressWarning(cx.idAddress(id.value.id.slice(0, 6)), cx.countyName ?? '');
    if (w) warn('idNumber', 'ID_ADDRESS', w);
  }
  if (id.ok && id.value.birthDate <= appliedOn && !issues.some((i) => i.field === 'appliedOn'))
    for (const e of eligibilityAtEntry(
      {
        program: cx.program,
        birthDate: id.value.birthDate,
        appliedOn,
        certificate,
        dibao,
        schoolProofUntil: null,
      },
      cx.policy,
    ))
      // A roster has no school-proof column: such a row is entered one by one.
      (e.severity === 'error' ? fail : warn)(e.field === 'schoolProofUntil' ? 'idNumber' : e.field, e.code, e.message);

  if (issues.some((i) => i.severity === 'error') || !id.ok || !name.ok) return { row, record: null, issues };
  return {
    row,
    issues,
    record: {
      idNumber: id.value.id,
      idNumberOriginal: id.value.original,
      birthDate: id.value.birthDate,
      name: name.value,
      villageCode,
      address: opt('address'),
      phone,
      ethnicity: opt('ethnicity'),
      dibao,
      bankAccount,
      bankName: opt('bankName'),
      accountHolderName: opt('accountHolderName'),
      accountHolderId,
      appliedOn,
      certificate,
      childMode,
      guardianName: isChild ? opt('guardianName') : null,
      guardianIdNumber: isChild ? guardianIdNumber : null,
      guardianRelation: isChild ? opt('guardianRelation') : null,
      guardianPhone: isChild ? guardianPhone : null,
      note: opt('note'),
    },
  };
}

type Report = (field: RegisterField, code: FieldIssueCode, message: string) => void;

function resolveVillage(
  township: string,
  village: string,
  code: string,
  regions: RegionIndex,
  fail: Report,
  warn: Report,
): string | null {
  if (code) {
    const village12 = normalizeRegionCode(code);
    if (!regions.villageCodes.has(village12))
      fail('villageCode', 'REGION_UNKNOWN', `区划代码 ${code} 不在本县的村（社区）名单中`);
    return village12;
  }
  // A township column may hold its code (9 or 12 digits) instead of its name.
  const townshipAsCode = /^\d{9}(\d{3})?$/.test(township.trim()) ? normalizeRegionCode(township) : undefined;
  const townshipCode = townshipAsCode
    ? regions.townshipCodes?.has(townshipAsCode)
      ? townshipAsCode
      : undefined
    : township
      ? regions.townships.get(regionNameKey(township))
      : undefined;
  if (township && !townshipCode) {
    fail('township', 'REGION_UNKNOWN', `“${township}”不在本县的乡镇（街道）名单中`);
    return null;
  }
  if (!village) {
    if (township) warn('village', 'MISSING_FIELD', '未填写村（社区），登记后请补充');
    return null;
  }
  const candidates = (regions.villages.get(regionNameKey(village)) ?? []).filter(
    (c) => !townshipCode || c.township === townshipCode,
  );
  if (candidates.length === 1) return candidates[0]?.code ?? null;
  if (candidates.length === 0)
    fail('village', 'REGION_UNKNOWN', `“${village}”不在${township ? `“${township}”的` : '本县的'}村（社区）名单中`);
  else fail('village', 'REGION_UNKNOWN', `本县有 ${candidates.length} 个“${village}”，请同时填写乡镇（街道）`);
  return null;
}
