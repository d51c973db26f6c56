import { addMonths, monthOf, type Month } from '../dates';
import type { Program } from '../programs';

/** Why someone left the register, as the 减少 columns count them. */
export const exitReasons = ['death', 'moved', 'aged', 'review', 'voluntary', 'other'] as const;
export type ExitReason = (typeof exitReasons)[number];
export const exitReasonLabels: Record<ExitReason, string> = {
  death: '死亡',
  moved: '迁出',
  aged: '年满18周岁',
  review: '复核不合格',
  voluntary: '自愿退出',
  other: '其他',
};

/** A stop's free-text reason read as one of the 减少 columns (death.ts writes 死亡（…）). */
export function exitReasonOf(text: string | null): ExitReason {
  const t = text ?? '';
  if (t.includes('死亡') || t.includes('去世')) return 'death';
  if (t.includes('迁出') || t.includes('迁移')) return 'moved';
  if (t.includes('18') || t.includes('十八') || t.includes('成年')) return 'aged';
  if (t.includes('复核') || t.includes('不合格') || t.includes('不符合')) return 'review';
  if (t.includes('自愿') || t.includes('本人申请') || t.includes('放弃')) return 'voluntary';
  return 'other';
}

/** One stay on the register: in at the end of every month from `from` up to, not including, `until`. */
export interface RegisterSpan {
  from: Month;
  until: Month | null;
  reason: ExitReason | null;
}

export interface HistoryEvent {
  kind: string;
  toStatus: string | null;
  effectiveMonth: Month | null;
  reason: string | null;
  /** The event's own date (changes_json.date) when it has one. */
  date: string | null;
  at: string;
}

export interface EnrolmentHistory {
  status: string;
  appliedOn: string;
  approvedOn: string | null;
  updatedAt: string;
  deathDate: string | null;
  movedOutDate: string | null;
  events: readonly HistoryEvent[];
}

const ON_REGISTER = new Set(['active', 'suspended']);

/**
 * The stays of one enrolment on the register, from its history. 纳入在册 and 恢复
 * enter it (their month); 终止 leaves it from its effective month (the month
 * after a death or move-out: the month itself is still paid). A suspension stays
 * on the register: the person is 在册 while payment pauses. Records entered in
 * bulk (imports, the demo) carry only their creation: they are on the register
 * from the month of approval, and a stopped one without a stop event leaves the
 * month after the death, move-out or last change.
 */
export function registerSpans(h: EnrolmentHistory): RegisterSpan[] {
  const spans: RegisterSpan[] = [];
  let open: Month | null = null;
  const enter = (m: Month) => {
    if (open === null) open = m;
  };
  const leave = (m: Month, reason: ExitReason) => {
    if (open === null) return;
    if (m > open) spans.push({ from: open, until: m, reason });
    open = null;
  };
  const approvedMonth = monthOf(h.approvedOn ?? h.appliedOn);
  for (const e of h.events) {
    const m = e.effectiveMonth ?? monthOf(e.date ?? e.at);
    if (e.kind === 'activate' || e.kind === 'resume') enter(m);
    else if (e.kind === 'created' && e.toStatus && (ON_REGISTER.has(e.toStatus) || e.toStatus === 'stopped'))
      enter(approvedMonth);
    else if (e.kind === 'stop') leave(m, exitReasonOf(e.reason));
  }
  if (open !== null && h.status === 'stopped') {
    const gone = h.deathDate ?? h.movedOutDate;
    const reason: ExitReason = h.deathDate ? 'death' : h.movedOutDate ? 'moved' : 'other';
    leave(addMonths(monthOf(gone ?? h.updatedAt), 1), reason);
  }
  if (open !== null) spans.push({ from: open, until: null, reason: null });
  return spans;
}

export const onRegisterAt = (s: RegisterSpan, month: Month) => s.from <= month && (s.until === null || s.until > month);

/** What a span's movement was in [from, to], for a drill-down: null when it did not move or stay. */
export function spanRole(s: RegisterSpan, from: Month, to: Month): { added: boolean; removed: ExitReason | null } {
  return {
    added: s.from >= from && s.from <= to,
    removed: s.until !== null && s.until >= from && s.until <= to ? (s.reason ?? 'other') : null,
  };
}

/** The register side of one enrolment, with the dimensions reports cut it by. */
export interface RegisterEntry {
  enrolmentId: number;
  personId: number;
  program: Program;
  spans: RegisterSpan[];
}
