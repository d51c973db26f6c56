import type { CheckCounts, CheckRow } from '../../../shared/contract/checks';
import { enrolmentStatusSchema, statusLabels } from '../../../shared/contract/registers';
import {
  checkKinds,
  childAgeFinding,
  elderTierCrossing,
  failsCardCheck,
  finding,
  isInstitutionHolder,
  messages,
  stillOpen,
  type CheckKind,
  type Finding,
} from '../../../shared/domain/checks';
import { addMonths, monthOf } from '../../../shared/domain/dates';
import { defaultCountyPolicy, type CountyPolicy } from '../../../shared/domain/entitlement/policy-settings';
import { overdueReviewYear } from '../../../shared/domain/lifecycle';
import { defaultElderTiers, programs, programShortLabels, type Program } from '../../../shared/domain/programs';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { ReadableStore, Store } from '../../db/store';
import * as q from './queries';

const isProgram = (v: string): v is Program => (programs as readonly string[]).includes(v);
const asProgram = (v: string): Program => (isProgram(v) ? v : 'elderly');
const programList = (csv: string | null): Program[] => (csv ? csv.split(',').filter(isProgram) : []);
const open = (status: string) => {
  const s = enrolmentStatusSchema.safeParse(status);
  return stillOpen(status, s.success ? statusLabels[s.data] : status);
};
const tierLabel = (key: string) => defaultElderTiers.find((t) => t.key === key)?.label ?? `${key} 岁`;
const DIBAO: Record<string, string> = { urban: '城市低保', rural: '农村低保', edge: '低保边缘' };
const TEKUN: Record<string, string> = { centralized: '集中供养', dispersed: '分散供养' };

interface CheckInput {
  store: ReadableStore;
  today: string;
  policy: CountyPolicy;
}

/** One query and the kinds it can find; a dismissal re-runs only the checker of its kind. */
interface Checker {
  kinds: readonly CheckKind[];
  run(input: CheckInput): Finding[];
}

const checkers: readonly Checker[] = [
  {
    kinds: ['deceased-open', 'moved-out-open'],
    run: ({ store }) =>
      q.goneButOpen(store).map((r) => {
        const program = asProgram(r.program);
        // Death decides the stop month when both are recorded.
        return r.deathDate
          ? finding(
              'deceased-open',
              `enrolment:${r.enrolmentId}`,
              r.personId,
              r.enrolmentId,
              r.name,
              messages.deceased(r.name, r.deathDate, program, open(r.status)),
            )
          : finding(
              'moved-out-open',
              `enrolment:${r.enrolmentId}`,
              r.personId,
              r.enrolmentId,
              r.name,
              messages.movedOut(r.name, r.movedOutDate ?? '', program, open(r.status)),
            );
      }),
  },
  {
    kinds: ['certificate-expired'],
    run: ({ store, today }) =>
      q.expiredCertificates(store, today).map((r) =>
        // A renewed certificate that expires again is a new finding.
        finding(
          'certificate-expired',
          `enrolment:${r.enrolmentId}:${r.expiresOn}`,
          r.personId,
          r.enrolmentId,
          r.name,
          messages.certificateExpired(r.name, r.expiresOn, asProgram(r.program), open(r.status)),
        ),
      ),
  },
  {
    kinds: ['child-turning-18', 'school-proof-expiring', 'school-proof-expired', 'child-aged-out', 'child-top-up'],
    run: ({ store, today, policy }) =>
      q.openChildren(store).flatMap((r) => {
        const out: Finding[] = [];
        const program = asProgram(r.program);
        const subject = `enrolment:${r.enrolmentId}`;
        const age = childAgeFinding(r.birthDate, r.schoolProofUntil, today, policy);
        if (age?.kind === 'child-turning-18')
          out.push(
            finding(age.kind, subject, r.personId, r.enrolmentId, r.name, messages.turning18(r.name, age, program)),
          );
        if (age?.kind === 'child-aged-out')
          out.push(
            finding(
              age.kind,
              subject,
              r.personId,
              r.enrolmentId,
              r.name,
              messages.agedOut(r.name, age, program, policy.schoolProofMaxAge),
            ),
          );
        if (age?.kind === 'school-proof-expired')
          out.push(
            finding(
              age.kind,
              `${subject}:${age.proofUntil}`,
              r.personId,
              r.enrolmentId,
              r.name,
              messages.proofExpired(r.name, age, program),
            ),
          );
        if (age?.kind === 'school-proof-expiring')
          out.push(
            finding(
              age.kind,
              `${subject}:${age.proofUntil}`,
              r.personId,
              r.enrolmentId,
              r.name,
              messages.proofExpiring(r.name, age.proofUntil, program),
            ),
          );
        const others = [
          ...programList(r.others).map((p) => programShortLabels[p]),
          ...(DIBAO[r.dibao] ? [DIBAO[r.dibao] ?? ''] : []),
          ...(TEKUN[r.tekun] ? [`特困供养（${TEKUN[r.tekun] ?? ''}）`] : []),
        ];
        // The subject names what is combined, so a decision taken stays valid only for that combination.
        if (others.length > 0)
          out.push(
            finding(
              'child-top-up',
              `${subject}:${others.join('+')}`,
              r.personId,
              r.enrolmentId,
              r.name,
              messages.childTopUp(r.name, program, others),
            ),
          );
        return out;
      }),
  },
  {
    kinds: ['elder-next-tier'],
    run: ({ store, today, policy }) => {
      const next = addMonths(monthOf(today), 1);
      return q.eldersBornInMonth(store, next.slice(5, 7)).flatMap((r) => {
        const c = elderTierCrossing(r.birthDate, today, policy);
        return c
          ? [
              finding(
                'elder-next-tier',
                `enrolment:${r.enrolmentId}:${c.to}`,
                r.personId,
                r.enrolmentId,
                r.name,
                messages.elderTier(r.name, c, tierLabel(c.from), tierLabel(c.to)),
              ),
            ]
          : [];
      });
    },
  },
  {
    kinds: ['child-with-living', 'tekun-with-living', 'injury-with-care', 'centralized-with-care'],
    run: ({ store }) =>
      q.disabilityOverlaps(store).flatMap((r) => {
        const out: Finding[] = [];
        const subject = `enrolment:${r.enrolmentId}`;
        if (r.program === 'disability-living') {
          if (r.childProgram && isProgram(r.childProgram))
            out.push(
              finding(
                'child-with-living',
                subject,
                r.personId,
                r.enrolmentId,
                r.name,
                messages.childWithLiving(r.name, r.childProgram),
              ),
            );
          if (r.tekun !== 'none')
            out.push(
              finding(
                'tekun-with-living',
                subject,
                r.personId,
                r.enrolmentId,
                r.name,
                messages.tekunWithLiving(r.name, TEKUN[r.tekun] ?? r.tekun),
              ),
            );
        } else {
          if (r.injuryCare === 1)
            out.push(
              finding('injury-with-care', subject, r.personId, r.enrolmentId, r.name, messages.injuryWithCare(r.name)),
            );
          if (r.tekun === 'centralized')
            out.push(
              finding(
                'centralized-with-care',
                subject,
                r.personId,
                r.enrolmentId,
                r.name,
                messages.centralizedWithCare(r.name),
              ),
            );
        }
        return out;
      }),
  },
  {
    kinds: ['review-overdue'],
    run: ({ store, today, policy }) => {
      const year = overdueReviewYear(today, policy.annualReviewMonth);
      return q.unreviewedSince(store, `${String(year)}-01-01`).map((r) =>
        // The year is part of the subject: excusing last year's review does not excuse this year's.
        finding(
          'review-overdue',
          `enrolment:${r.enrolmentId}:${String(year)}`,
          r.personId,
          r.enrolmentId,
          r.name,
          messages.reviewOverdue(r.name, asProgram(r.program), year, policy.annualReviewMonth, r.lastReview),
        ),
      );
    },
  },
  {
    kinds: ['duplicate-open'],
    run: ({ store }) =>
      q.duplicateOpen(store).map((r) => {
        const ids = r.ids
          .split(',')
          .map(Number)
          .sort((a, b) => a - b);
        const program = asProgram(r.program);
        return finding(
          'duplicate-open',
          `person:${r.personId}:${program}`,
          r.personId,
          ids.at(-1) ?? null,
          r.name,
          messages.duplicate(r.name, program, ids),
        );
      }),
  },
  {
    kinds: ['bank-missing', 'bank-luhn', 'bank-shared'],
    run: ({ store }) => {
      const out: Finding[] = [];
      const byAccount = new Map<string, q.AccountRow[]>();
      for (const r of q.enrolledAccounts(store)) {
        if (!r.account) {
          out.push(
            finding(
              'bank-missing',
              `person:${r.personId}`,
              r.personId,
              null,
              r.name,
              messages.bankMissing(r.name, programList(r.programs)),
            ),
          );
          continue;
        }
        // The account is part of the subject: a dismissed passbook number does not excuse the next number entered.
        if (failsCardCheck(r.account))
          out.push(
            finding(
              'bank-luhn',
              `person:${r.personId}:${r.account}`,
              r.personId,
              null,
              r.name,
              messages.bankLuhn(r.name, r.account),
            ),
          );
        const same = byAccount.get(r.account);
        if (same) same.push(r);
        else byAccount.set(r.account, [r]);
      }
      for (const [account, rows] of byAccount) {
        if (rows.length < 2 || rows.some((r) => isInstitutionHolder(r.holderName))) continue;
        for (const r of rows) {
          const others = rows.filter((o) => o !== r).map((o) => o.name);
          out.push(
            finding(
              'bank-shared',
              `person:${r.personId}:${account}`,
              r.personId,
              null,
              r.name,
              messages.bankShared(r.name, account, others),
            ),
          );
        }
      }
      return out;
    },
  },
];

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Every finding in the county today, most severe first, then by kind and person. Reads only. */
export function runChecks(
  store: ReadableStore,
  today: string,
  policy: CountyPolicy = defaultCountyPolicy,
  only?: CheckKind,
): Finding[] {
  const input = { store, today, policy };
  const found = checkers.filter((c) => !only || c.kinds.includes(only)).flatMap((c) => c.run(input));
  const kindOrder = new Map(checkKinds.map((k, i) => [k, i]));
  return found.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (kindOrder.get(a.kind) ?? 0) - (kindOrder.get(b.kind) ?? 0) ||
      a.personId - b.personId,
  );
}

interface Dismissal {
  reason: string;
  at: string;
  by: string;
}

const key = (kind: string, subject: string) => `${kind}\u0000${subject}`;

function dismissals(store: ReadableStore): Map<string, Dismissal> {
  const db = store.kysely;
  const rows = store.all(
    db.selectFrom('check_dismissals').select(['kind', 'subject', 'reason', 'dismissed_at', 'dismissed_by']),
  );
  return new Map(
    rows.map((r) => [key(r.kind, r.subject), { reason: r.reason, at: r.dismissed_at, by: r.dismissed_by }]),
  );
}

function emptyCounts(): Record<CheckKind, number> {
  return Object.fromEntries(checkKinds.map((k) => [k, 0])) as Record<CheckKind, number>;
}

function countOpen(findings: readonly Finding[], dismissed: ReadonlyMap<string, Dismissal>): CheckCounts {
  const counts = emptyCounts();
  let total = 0;
  for (const f of findings) {
    if (dismissed.has(key(f.kind, f.subject))) continue;
    counts[f.kind]++;
    total++;
  }
  return { counts, total };
}

export interface ListOptions {
  includeDismissed?: boolean;
  policy?: CountyPolicy;
}

/** The page's rows: findings not dismissed (or all, marked), with township and village, and the open counts. */
export function listChecks(
  store: ReadableStore,
  today: string,
  opts: ListOptions = {},
): { rows: CheckRow[]; counts: Record<CheckKind, number>; total: number; today: string } {
  const findings = runChecks(store, today, opts.policy);
  const dismissed = dismissals(store);
  const shown = findings.filter((f) => opts.includeDismissed || !dismissed.has(key(f.kind, f.subject)));
  const places = new Map(
    q
      .placesOf(
        store,
        shown.map((f) => f.personId),
      )
      .map((p) => [p.personId, p]),
  );
  const rows = shown.map((f) => ({
    ...f,
    township: places.get(f.personId)?.township ?? null,
    village: places.get(f.personId)?.village ?? null,
    dismissed: dismissed.get(key(f.kind, f.subject)) ?? null,
  }));
  return { rows, ...countOpen(findings, dismissed), today };
}

/** Open findings per kind, for the menu badge. */
export function countChecks(store: ReadableStore, today: string, policy?: CountyPolicy): CheckCounts {
  return countOpen(runChecks(store, today, policy), dismissals(store));
}

export interface DismissInput {
  kind: CheckKind;
  subject: string;
  reason: string;
}

/**
 * Records that a finding is not a problem, with the reason, audited. Only a
 * finding that exists today can be dismissed (no blanket pre-dismissals), and
 * once: a second dismissal would overwrite who decided and why.
 */
export function dismissCheck(
  store: Store,
  actor: Actor,
  input: DismissInput,
  today: string,
  now: string,
  policy?: CountyPolicy,
) {
  const reason = input.reason.trim();
  if ([...reason].length < 2) throw new AppError('INVALID_INPUT', '原因：请填写忽略的原因（至少 2 个字）');
  return store.write(actor, (w) => {
    const db = w.kysely;
    const existing = w.first(
      db.selectFrom('check_dismissals').selectAll().where('kind', '=', input.kind).where('subject', '=', input.subject),
    );
    if (existing)
      throw new AppError(
        'INVALID_INPUT',
        `该预警已于 ${existing.dismissed_at.slice(0, 10)} 由 ${existing.dismissed_by} 忽略（原因：${existing.reason}）`,
      );
    const current = runChecks(w, today, policy, input.kind).find(
      (f) => f.kind === input.kind && f.subject === input.subject,
    );
    if (!current) throw new AppError('INVALID_INPUT', '该预警已不存在（记录可能已经更正），请刷新列表');
    w.run(
      db
        .insertInto('check_dismissals')
        .values({ kind: input.kind, subject: input.subject, reason, dismissed_at: now, dismissed_by: actor.username }),
    );
    w.audit({
      action: 'check.dismiss',
      entity: current.enrolmentId === null ? 'person' : 'enrolment',
      entityId: current.enrolmentId ?? current.personId,
      after: { kind: input.kind, subject: input.subject, reason, message: current.message },
    });
    return { kind: input.kind, subject: input.subject, reason, at: now, by: actor.username };
  });
}
