import { issue, type Checked, type FieldIssue } from './issues';

/** 2–30 Chinese characters; minority names may contain the middle dot (买买提·艾力). No digits or Latin letters. */
export function checkName(raw: string): Checked<string> {
  const name = raw.trim().replace(/[\u00B7\u30FB\uFF65\u2022.]/g, '·');
  if (name === '') return { ok: false, issue: issue('MISSING_FIELD', '未填写姓名') };
  if (!/^\p{Script=Han}+(·\p{Script=Han}+)*$/u.test(name)) {
    return {
      ok: false,
      issue: issue('NAME_INVALID', `姓名“${raw.trim()}”只能由汉字组成（少数民族姓名可含间隔号“·”），不能含数字或字母`),
    };
  }
  const length = [...name.replace(/·/g, '')].length;
  if (length < 2 || length > 30) return { ok: false, issue: issue('NAME_INVALID', `姓名“${name}”应为 2–30 个汉字`) };
  return { ok: true, value: name, warnings: [] };
}

/** Mainland mobile (11 digits from 1) or a landline with area code. */
export function checkPhone(raw: string): Checked<string | null> {
  const phone = raw.replace(/[\s-]/g, '');
  if (phone === '') return { ok: true, value: null, warnings: [] };
  if (/^1[3-9]\d{9}$/.test(phone) || /^0\d{2,3}\d{7,8}$/.test(phone)) return { ok: true, value: phone, warnings: [] };
  return {
    ok: false,
    issue: issue('PHONE_FORMAT', `联系电话“${raw.trim()}”格式不正确：应为 11 位手机号或带区号的固定电话`),
  };
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Card accounts (一卡通, 社保卡, debit cards) are 16–19 digits; passbook accounts
 * differ, so other lengths of 8–30 digits pass with a warning. A failed Luhn check
 * is a warning, never a rejection.
 */
export function checkBankAccount(raw: string): Checked<string | null> {
  const account = raw.replace(/[\s-]/g, '');
  if (account === '') return { ok: true, value: null, warnings: [] };
  if (!/^\d{8,30}$/.test(account)) {
    return { ok: false, issue: issue('BANK_ACCOUNT_FORMAT', `银行账号“${raw.trim()}”只能由 8–30 位数字组成`) };
  }
  const warnings: FieldIssue[] = [];
  if (account.length < 16 || account.length > 19) {
    warnings.push(
      issue('BANK_ACCOUNT_FORMAT', `账号 ${account} 不是 16–19 位的银行卡号，如为存折账号请忽略`, 'warning'),
    );
  } else if (!luhnValid(account)) {
    warnings.push(issue('BANK_LUHN', `卡号 ${account} 未通过校验，请核对是否录错`, 'warning'));
  }
  return { ok: true, value: account, warnings };
}
