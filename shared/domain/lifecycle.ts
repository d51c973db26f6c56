import type { Role } from '../contract/roles';
import { isoDate, parseIsoDate } from './dates';

/** The statuses an enrolment moves through (申请 → 初审 → 审批 → 公示 → 在册 → …). */
export type EnrolmentStatus =
  'applied' | 'reviewed' | 'approved' | 'publicized' | 'active' | 'suspended' | 'stopped' | 'rejected';

export interface TransitionDef {
  from: readonly EnrolmentStatus[];
  to: EnrolmentStatus;
  /** Chinese, for the history and the refusal message. */
  label: string;
  /** Approval must be by someone other than the person who entered the application. */
  secondPerson?: boolean;
}

export const transitions = {
  review: { from: ['applied'], to: 'reviewed', label: '初审通过' },
  approve: { from: ['reviewed'], to: 'approved', label: '审批通过', secondPerson: true },
  reject: { from: ['applied', 'reviewed'], to: 'rejected', label: '不予批准' },
  publicize: { from: ['approved'], to: 'publicized', label: '公示' },
  activate: { from: ['publicized'], to: 'active', label: '公示期满，纳入在册' },
  change: { from: ['active'], to: 'active', label: '变更' },
  suspend: { from: ['active'], to: 'suspended', label: '暂停' },
  stop: { from: ['active', 'suspended'], to: 'stopped', label: '终止' },
  resume: { from: ['suspended', 'stopped'], to: 'active', label: '恢复' },
  // A failed review is a stop with the reason 年度复核不合格; a passed one is recorded here.
  annualReview: { from: ['active'], to: 'active', label: '年度复核通过' },
} as const satisfies Record<string, TransitionDef>;
export type TransitionName = keyof typeof transitions;

/** Who takes which step: township staff enter and review, the county reviewer decides. */
export const stepRoles: Record<TransitionName, readonly Role[]> = {
  review: ['clerk', 'reviewer'],
  approve: ['reviewer'],
  reject: ['reviewer'],
  publicize: ['clerk', 'reviewer'],
  activate: ['clerk', 'reviewer'],
  change: ['clerk'],
  suspend: ['clerk'],
  stop: ['clerk'],
  resume: ['clerk'],
  annualReview: ['clerk', 'reviewer'],
};

/** Steps that must say why (they change or end what someone receives). */
export const stepsNeedingReason: ReadonlySet<TransitionName> = new Set([
  'reject',
  'change',
  'suspend',
  'stop',
  'resume',
]);

/** The steps a user with `roles` may take on an enrolment in `status`. */
export function availableSteps(status: EnrolmentStatus, roles: readonly Role[]): TransitionName[] {
  return (Object.keys(transitions) as TransitionName[]).filter(
    (a) =>
      (transitions[a].from as readonly EnrolmentStatus[]).includes(status) &&
      stepRoles[a].some((r) => roles.includes(r)),
  );
}

/** The refusal, in Chinese, when `action` does not apply to `status`; null when it does. */
export function transitionRefusal(
  status: EnrolmentStatus,
  action: TransitionName,
  statusLabel: (s: EnrolmentStatus) => string,
): string | null {
  const def: TransitionDef = transitions[action];
  if (def.from.includes(status)) return null;
  return `当前状态为“${statusLabel(status)}”，不能办理“${def.label}”（须为：${def.from.map(statusLabel).join('、')}）`;
}

/**
 * The last day of a 公示 of `days` working days starting on `start` (counted as
 * the first day if it is a working day). Weekends are skipped; public holidays are
 * not modelled, so an office extends by hand around them.
 */
export function publicityEnd(start: string, days = 5): string {
  const d = parseIsoDate(start);
  if (!d) throw new RangeError(`not a date: ${start}`);
  const date = new Date(Date.UTC(d.y, d.m - 1, d.d));
  let counted = 0;
  for (;;) {
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted++;
    if (counted === days) return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    date.setUTCDate(date.getUTCDate() + 1);
  }
}

/**
 * The annual-review deadline that has passed most recently on `today`: the end
 * of `reviewMonth` this year once it is over, else last year's. An enrolment
 * approved before that year began and not reviewed since is overdue.
 */
export function overdueReviewYear(today: string, reviewMonth: number): number {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month > reviewMonth ? year : year - 1;
}

/** Whether an enrolment approved on `approvedOn` and last reviewed on `lastReviewOn` missed the latest deadline. */
export function reviewOverdue(
  approvedOn: string,
  lastReviewOn: string | null,
  today: string,
  reviewMonth: number,
): number | null {
  const year = overdueReviewYear(today, reviewMonth);
  const yearStart = `${String(year)}-01-01`;
  if (approvedOn >= yearStart) return null;
  if (lastReviewOn && lastReviewOn >= yearStart) return null;
  return year;
}
