import { addMonths, birthdayInYear, monthOf, type Month } from './dates';
import { ageCountsFrom, type Policy } from './entitlement';
import { luhnValid } from './person-fields';
import { programLabels, type Program } from './programs';

/**
 * Rule checks over the registers (待办预警): what a clerk must act on or decide.
 * Findings are computed from the records on every run, never stored, so fixing a
 * record (stopping an enrolment, correcting an account) makes its finding go away;
 * only a clerk's reasoned dismissal is stored. This file holds the kinds, the rules
 * that need dates or digits, and the Chinese wording; the service narrows the rows
 * with SQL and asks these functions.
 */

export type CheckSeverity = 'error' | 'warning' | 'info';
export const severityLabels: Record<CheckSeverity, string> = { error: '须处理', warning: '请核实', info: '提示' };

interface KindDef {
  label: string;
  severity: CheckSeverity;
  /** What usually resolves it, for the page's tooltip. */
  action: string;
}

export const checkKindDefs = {
  'deceased-open': { label: '已死亡仍在册', severity: 'error', action: '办理终止（死亡次月起停发）' },
  'moved-out-open': { label: '户籍已迁出仍在册', severity: 'error', action: '办理终止（迁出次月起停发）' },
  'certificate-expired': { label: '残疾人证已过期', severity: 'error', action: '换发新证后更新证件有效期，或暂停发放' },
  'child-aged-out': { label: '已满 18 周岁仍在册', severity: 'error', action: '补充在校证明，或办理终止' },
  'school-proof-expired': { label: '在校证明已过期', severity: 'error', action: '补充新的在校证明，或办理终止' },
  'child-with-living': {
    label: '儿童保障兼享生活补贴',
    severity: 'error',
    action: '终止困难残疾人生活补贴（不可兼得）',
  },
  'tekun-with-living': {
    label: '特困人员兼享生活补贴',
    severity: 'error',
    action: '终止困难残疾人生活补贴（不可兼得）',
  },
  'injury-with-care': {
    label: '工伤护理费兼享护理补贴',
    severity: 'error',
    action: '终止重度残疾人护理补贴（不可兼得）',
  },
  'centralized-with-care': {
    label: '集中供养特困兼享护理补贴',
    severity: 'error',
    action: '终止重度残疾人护理补贴（机构已提供照料）',
  },
  'duplicate-open': { label: '同一项目重复在册', severity: 'error', action: '终止多余的一条记录' },
  'bank-missing': { label: '缺少银行账号', severity: 'error', action: '在人员信息中补录一卡通账号' },
  'bank-luhn': { label: '银行卡号未通过校验', severity: 'warning', action: '核对卡号；存折账号可忽略' },
  'bank-shared': { label: '多人共用同一账号', severity: 'warning', action: '核对账号；监护人代领可忽略' },
  'child-top-up': { label: '儿童保障须就高不就低', severity: 'warning', action: '决定只补差额或放弃其中一项' },
  'child-turning-18': { label: '下月年满 18 周岁', severity: 'warning', action: '收取在校证明，或准备终止' },
  'school-proof-expiring': { label: '在校证明即将到期', severity: 'warning', action: '收取新学年的在校证明' },
  'elder-next-tier': { label: '高龄津贴下月升档', severity: 'info', action: '无需申请，核对升档后的发放标准' },
  'review-overdue': { label: '年度复核逾期', severity: 'warning', action: '办理年度复核；复核不合格的办理终止' },
} as const satisfies Record<string, KindDef>;

export type CheckKind = keyof typeof checkKindDefs;
export const checkKinds = Object.keys(checkKindDefs) as [CheckKind, ...CheckKind[]];
export const checkKindLabels = Object.fromEntries(checkKinds.map((k) => [k, checkKindDefs[k].label])) as Record<
  CheckKind,
  string
>;

export function isCheckKind(value: unknown): value is CheckKind {
  return typeof value === 'string' && Object.hasOwn(checkKindDefs, value);
}

export interface Finding {
  kind: CheckKind;
  /**
   * What a dismissal is about: `enrolment:123` or `person:45`, with a qualifier
   * where the same record can raise the finding again with other facts (a new
   * account, a new proof, the next tier), so an old dismissal does not hide it.
   */
  subject: string;
  personId: number;
  enrolmentId: number | null;
  name: string;
  /** Chinese, specific: who, what, since when. */
  message: string;
  severity: CheckSeverity;
}

export function finding(
  kind: CheckKind,
  subject: string,
  personId: number,
  enrolmentId: number | null,
  name: string,
  message: string,
): Finding {
  return { kind, subject, personId, enrolmentId, name, message, severity: checkKindDefs[kind].severity };
}

/** Statuses that still count: a stopped or rejected record is history. */
export const openStatuses = ['applied', 'reviewed', 'approved', 'publicized', 'active', 'suspended'] as const;

/** "仍在册" for an active record, otherwise the status it is still in. */
export function stillOpen(status: string, statusLabel: string): string {
  return status === 'active' ? '仍在册' : `仍为“${statusLabel}”状态，未终止`;
}

// ---------------------------------------------------------------- ages

/** The tier an elder enters next month by birthday (not the first: reaching 80 is a new application). */
export function elderTierCrossing(
  birthDate: string,
  today: string,
  policy: Policy,
): { from: string; to: string; age: number; reachesOn: string; paidFrom: Month } | null {
  const next = addMonths(monthOf(today), 1);
  const tiers = policy.elderTiers;
  for (let i = 1; i < tiers.length; i++) {
    const [prev, tier] = [tiers[i - 1], tiers[i]];
    if (!prev || !tier) continue;
    const reachesOn = birthdayInYear(birthDate, tier.minAge);
    if (monthOf(reachesOn) === next)
      return {
        from: prev.key,
        to: tier.key,
        age: tier.minAge,
        reachesOn,
        paidFrom: ageCountsFrom(birthDate, tier.minAge, policy),
      };
  }
  return null;
}

export type ChildAgeFinding =
  | { kind: 'child-turning-18'; adultOn: string; proofUntil: string | null }
  | { kind: 'school-proof-expiring'; proofUntil: string }
  | { kind: 'school-proof-expired'; proofUntil: string; adultOn: string }
  | { kind: 'child-aged-out'; adultOn: string; overMaxAge: boolean };

/**
 * A child allowance is paid through the month of the 18th birthday; after it, only
 * with a valid school proof and below the policy's maximum age (engine rule).
 */
export function childAgeFinding(
  birthDate: string,
  schoolProofUntil: string | null,
  today: string,
  policy: Policy,
): ChildAgeFinding | null {
  const month = monthOf(today);
  const next = addMonths(month, 1);
  const adultOn = birthdayInYear(birthDate, 18);
  const adult = monthOf(adultOn);
  const proof = policy.schoolProofExtension && schoolProofUntil ? monthOf(schoolProofUntil) : null;
  const cap = monthOf(birthdayInYear(birthDate, policy.schoolProofMaxAge));
  if (adult === next) return { kind: 'child-turning-18', adultOn, proofUntil: proof ? schoolProofUntil : null };
  if (month > adult) {
    if (month > cap) return { kind: 'child-aged-out', adultOn, overMaxAge: true };
    if (!proof || !schoolProofUntil) return { kind: 'child-aged-out', adultOn, overMaxAge: false };
    if (proof < month) return { kind: 'school-proof-expired', proofUntil: schoolProofUntil, adultOn };
  }
  // A proof ending this month or next matters only when the months after it would need it.
  if (proof && schoolProofUntil && proof >= month && proof <= next && addMonths(proof, 1) > adult)
    return { kind: 'school-proof-expiring', proofUntil: schoolProofUntil };
  return null;
}

// ---------------------------------------------------------------- accounts

/** Card numbers (16–19 digits) carry a Luhn digit; passbook accounts do not, so they are not judged. */
export function failsCardCheck(account: string): boolean {
  return /^\d{16,19}$/.test(account) && !luhnValid(account);
}

/** A children's home is guardian and account holder for all its children: one account, many persons, by design. */
export function isInstitutionHolder(holderName: string | null): boolean {
  return holderName !== null && holderName.includes('福利院');
}

// ---------------------------------------------------------------- wording

const list = (items: readonly string[]) => items.join('、');
const p = (program: Program) => programLabels[program];

export const messages = {
  deceased: (name: string, date: string, program: Program, open: string) =>
    `${name} 已于 ${date} 死亡，${p(program)}${open}（应自 ${addMonths(monthOf(date), 1)} 起停发）`,
  movedOut: (name: string, date: string, program: Program, open: string) =>
    `${name} 户籍已于 ${date} 迁出本县，${p(program)}${open}（应自 ${addMonths(monthOf(date), 1)} 起停发）`,
  certificateExpired: (name: string, expiresOn: string, program: Program, open: string) =>
    `${name} 的残疾人证已于 ${expiresOn} 到期，${p(program)}${open}`,
  agedOut: (name: string, f: Extract<ChildAgeFinding, { kind: 'child-aged-out' }>, program: Program, maxAge: number) =>
    f.overMaxAge
      ? `${name} 已超过在校延续的最高年龄 ${maxAge} 周岁，${p(program)}仍在册`
      : `${name} 已于 ${f.adultOn} 年满 18 周岁且无有效在校证明，${p(program)}仍在册（应自 ${addMonths(monthOf(f.adultOn), 1)} 起停发）`,
  proofExpired: (name: string, f: Extract<ChildAgeFinding, { kind: 'school-proof-expired' }>, program: Program) =>
    `${name} 已满 18 周岁（${f.adultOn}），在校证明已于 ${f.proofUntil} 到期，${p(program)}仍在册`,
  proofExpiring: (name: string, proofUntil: string, program: Program) =>
    `${name} 的在校证明将于 ${proofUntil} 到期，到期后${p(program)}须凭新的在校证明续发`,
  turning18: (name: string, f: Extract<ChildAgeFinding, { kind: 'child-turning-18' }>, program: Program) =>
    `${name} 将于 ${f.adultOn} 年满 18 周岁，${p(program)}发放至 ${monthOf(f.adultOn)}` +
    (f.proofUntil ? `，已有在校证明（有效期至 ${f.proofUntil}）可延续发放` : '，如仍在校请收取在校证明'),
  elderTier: (name: string, c: NonNullable<ReturnType<typeof elderTierCrossing>>, fromLabel: string, toLabel: string) =>
    `${name} 将于 ${c.reachesOn} 年满 ${c.age} 周岁，高龄津贴自 ${c.paidFrom} 起由“${fromLabel}”档调整为“${toLabel}”档`,
  childWithLiving: (name: string, child: Program) =>
    `${name} 已享受${p(child)}，又享受困难残疾人生活补贴：二者不可兼得`,
  tekunWithLiving: (name: string, tekun: string) =>
    `${name} 为特困供养人员（${tekun}），又享受困难残疾人生活补贴：二者不可兼得`,
  injuryWithCare: (name: string) => `${name} 已领取工伤保险生活护理费，又享受重度残疾人护理补贴：二者不可兼得`,
  centralizedWithCare: (name: string) =>
    `${name} 为集中供养特困人员（机构提供照料），又享受重度残疾人护理补贴：二者不可兼得`,
  childTopUp: (name: string, child: Program, others: readonly string[]) =>
    `${name} 享受${p(child)}，同时享受${list(others)}：按就高不就低原则只补差额，请作出决定`,
  duplicate: (name: string, program: Program, ids: readonly number[]) =>
    `${name} 在${p(program)}中有 ${ids.length} 条未终止的记录（记录号 ${list(ids.map(String))}）`,
  bankMissing: (name: string, programs: readonly Program[]) =>
    `${name} 享受${list(programs.map(p))}，但没有登记银行账号，无法发放`,
  bankLuhn: (name: string, account: string) => `${name} 的银行卡号 ${account} 未通过校验，可能录错（存折账号请忽略）`,
  reviewOverdue: (name: string, program: Program, year: number, month: number, last: string | null) =>
    `${name} 的${p(program)}未完成 ${year} 年度复核（截止 ${year} 年 ${month} 月底）${last ? `，上次复核 ${last}` : '，在册以来未复核'}`,
  bankShared: (name: string, account: string, others: readonly string[]) =>
    `${name} 的银行账号 ${account} 同时登记在 ${list(others)} 名下`,
} as const;
