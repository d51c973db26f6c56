import type { Enrolment } from '../../../shared/contract';
import { statusLabels } from '../../../shared/contract';
import { addMonths, monthOf } from '../../../shared/domain/dates';
import {
  publicityEnd,
  stepRoles,
  stepsNeedingReason,
  transitionRefusal,
  transitions,
  type EnrolmentStatus,
  type TransitionName,
} from '../../../shared/domain/lifecycle';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { Store, WritableStore } from '../../db/store';
import type { Session } from '../app/context';
import { settlePerson } from '../payouts/settle';
import { assertSecondPerson } from '../review/four-eyes';
import { enrolmentsOf } from './queries';

export interface TransitionInput {
  id: number;
  action: TransitionName;
  date: string;
  effectiveMonth?: string;
  reason?: string;
  publicityFrom?: string;
}

const label = (s: EnrolmentStatus) => statusLabels[s];

/**
 * One lifecycle step on one enrolment, in one transaction: the status change, the
 * step's own facts, a history event with its effective month and reason, and the
 * audit row. Illegal steps, wrong roles and self-approval are refused with codes.
 */
export function transitionEnrolment(store: Store, session: Session, input: TransitionInput, now: string): Enrolment {
  const actor = { username: session.user.username, channel: 'enrolment.transition' };
  const personId = store.write(actor, (w) => stepEnrolment(w, session, actor, input, now));
  const saved = enrolmentsOf(store, personId, input.id)[0];
  if (!saved) throw new AppError('INTERNAL');
  return saved;
}

/**
 * The step itself, inside the caller's transaction; every check runs before the
 * first write, so a refusal leaves nothing behind. Returns the person's id.
 */
export function stepEnrolment(
  w: WritableStore,
  session: Session,
  actor: Actor,
  input: TransitionInput,
  now: string,
): number {
  const def = transitions[input.action];
  const e = w.first(w.kysely.selectFrom('enrolments').selectAll().where('id', '=', input.id));
  if (!e) throw new AppError('ENROLMENT_NOT_FOUND');
  const status = e.status as EnrolmentStatus;
  const refusal = transitionRefusal(status, input.action, label);
  if (refusal) throw new AppError('ILLEGAL_TRANSITION', refusal);
  if (!stepRoles[input.action].some((r) => session.user.roles.includes(r))) {
    throw new AppError(
      'FORBIDDEN',
      `“${def.label}”须由${stepRoles[input.action].map((r) => ({ clerk: '经办人', reviewer: '审核人', head: '负责人', admin: '管理员' })[r]).join('或')}办理`,
    );
  }
  if ('secondPerson' in def && def.secondPerson) assertSecondPerson(e.entered_by, session, '申请');
  if (stepsNeedingReason.has(input.action) && !input.reason)
    throw new AppError('INVALID_INPUT', `原因：办理“${def.label}”须填写原因`);
  if (input.date < e.applied_on)
    throw new AppError('INVALID_INPUT', `办理日期：${input.date} 早于申请日期 ${e.applied_on}`);
  const set: Record<string, string | null> = { status: def.to, updated_at: now };
  if (input.action === 'review') Object.assign(set, { reviewed_on: input.date, reviewed_by: actor.username });
  if (input.action === 'approve') Object.assign(set, { approved_on: input.date, approved_by: actor.username });
  if (input.action === 'publicize') {
    const from = input.publicityFrom ?? input.date;
    Object.assign(set, { publicity_from: from, publicity_to: publicityEnd(from) });
  }
  if (input.action === 'activate' && e.publicity_to && input.date <= e.publicity_to) {
    throw new AppError('ILLEGAL_TRANSITION', `公示期至 ${e.publicity_to}，期满后方可纳入在册`);
  }
  // A stop or suspension takes effect from the month after the event; other steps from their own month.
  const effective =
    input.effectiveMonth ??
    (input.action === 'stop' || input.action === 'suspend' ? addMonths(monthOf(input.date), 1) : monthOf(input.date));
  w.run(w.kysely.updateTable('enrolments').set(set).where('id', '=', e.id));
  w.run(
    w.kysely.insertInto('enrolment_events').values({
      enrolment_id: e.id,
      at: now,
      kind: input.action,
      from_status: status,
      to_status: def.to,
      effective_month: effective,
      reason: input.reason ?? null,
      username: actor.username,
      changes_json: JSON.stringify({
        date: input.date,
        ...(set.publicity_to ? { publicityFrom: set.publicity_from, publicityTo: set.publicity_to } : {}),
      }),
    }),
  );
  w.audit({
    action: `enrolment.${input.action}`,
    entity: 'enrolment',
    entityId: e.id,
    before: { status },
    after: { status: def.to, date: input.date, effectiveMonth: effective, reason: input.reason ?? null },
  });
  // A stop or suspension recorded late (or one overturned) changes months already paid: settled at once, as a death is.
  if (input.action === 'stop' || input.action === 'suspend' || input.action === 'resume')
    settlePerson(w, actor, e.person_id, now);
  return e.person_id;
}
