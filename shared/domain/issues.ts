/**
 * Stable codes for what is wrong with one field of one record. Forms, imports and
 * services all report these; the import report (and its JSON) uses the same codes.
 */
export const fieldIssueCodes = [
  'MISSING_FIELD',
  'ID_FORMAT',
  'ID_CHECKSUM',
  'ID_DAMAGED',
  'ID_BIRTHDATE',
  'NAME_INVALID',
  'CERT_FORMAT',
  'CERT_MISMATCH',
  'CERT_CATEGORY',
  'CERT_GRADE',
  'REGION_UNKNOWN',
  'REGION_FORMAT',
  'PHONE_FORMAT',
  'BANK_ACCOUNT_FORMAT',
  'BANK_LUHN',
  'DATE_FORMAT',
  'NOT_ELIGIBLE',
  'DUPLICATE_IN_FILE',
  'TEXT_TOO_LONG',
  'TEXT_INVALID',
  'ID_ADDRESS',
  'NAME_MISMATCH',
  'NOT_REGISTERED',
] as const;
export type FieldIssueCode = (typeof fieldIssueCodes)[number];

/** Each code in words, for reports and their tooltips (the code itself stays in the exported report). */
export const fieldIssueLabels: Record<FieldIssueCode, string> = {
  MISSING_FIELD: '缺少必填项',
  ID_FORMAT: '身份证号格式不对',
  ID_CHECKSUM: '身份证号校验位不对',
  ID_DAMAGED: '身份证号已被表格软件改坏',
  ID_BIRTHDATE: '身份证号中的出生日期不对',
  NAME_INVALID: '姓名不规范',
  CERT_FORMAT: '残疾人证号格式不对',
  CERT_MISMATCH: '残疾人证号与身份证号不符',
  CERT_CATEGORY: '残疾类别不对',
  CERT_GRADE: '残疾等级不对',
  REGION_UNKNOWN: '区划不在本县名单中',
  REGION_FORMAT: '区划代码格式不对',
  PHONE_FORMAT: '电话号码格式不对',
  BANK_ACCOUNT_FORMAT: '银行账号格式不对',
  BANK_LUHN: '银行账号校验未通过',
  DATE_FORMAT: '日期不对',
  NOT_ELIGIBLE: '不符合享受条件',
  DUPLICATE_IN_FILE: '文件中重复出现',
  TEXT_TOO_LONG: '内容超过长度上限',
  TEXT_INVALID: '含有不可见的控制字符',
  ID_ADDRESS: '身份证号地址码不是本县',
  NAME_MISMATCH: '疑似不同人员',
  NOT_REGISTERED: '未登记人员',
};

export interface FieldIssue {
  code: FieldIssueCode;
  /** Chinese, names what is wrong; the caller adds the field and row. */
  message: string;
  /** Warnings (a card failing Luhn) are shown but do not reject. */
  severity: 'error' | 'warning';
}

export type Checked<T> = { ok: true; value: T; warnings: FieldIssue[] } | { ok: false; issue: FieldIssue };

export function issue(code: FieldIssueCode, message: string, severity: 'error' | 'warning' = 'error'): FieldIssue {
  return { code, message, severity };
}
