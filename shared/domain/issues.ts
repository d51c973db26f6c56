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
] as const;
export type FieldIssueCode = (typeof fieldIssueCodes)[number];

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
