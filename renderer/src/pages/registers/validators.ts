import type { FormRule } from 'antd';
import { parseIdNumber } from '../../../../shared/domain/id-number';
import { checkBankAccount, checkName, checkPhone } from '../../../../shared/domain/person-fields';

/** The same domain checks as main and the import: one set of rules, messages in Chinese. */
const fromCheck =
  (check: (v: string) => { ok: true } | { ok: false; issue: { message: string } }, required: boolean): FormRule =>
  () => ({
    validator: (_r, value: unknown) => {
      const v = typeof value === 'string' ? value : '';
      if (!v.trim()) return required ? Promise.reject(new Error('必须填写')) : Promise.resolve();
      const r = check(v);
      return r.ok ? Promise.resolve() : Promise.reject(new Error(r.issue.message));
    },
  });

export const idRules = (required = true): FormRule[] => [fromCheck(parseIdNumber, required)];
export const nameRules: FormRule[] = [fromCheck(checkName, true)];
export const phoneRules: FormRule[] = [fromCheck(checkPhone, false)];
export const accountRules: FormRule[] = [fromCheck(checkBankAccount, false)];

/** A non-blocking hint under the account field (a card failing Luhn is a warning, not an error). */
export function accountWarning(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const r = checkBankAccount(value);
  return r.ok && r.warnings[0] ? r.warnings[0].message : null;
}
