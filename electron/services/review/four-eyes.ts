import { AppError } from '../../errors';
import type { Session } from '../app/context';

/**
 * The two-person rule: whoever entered a record may not approve it. Every
 * approval service calls this with the record's `entered_by` before changing
 * anything; the dispatcher audits the refusal.
 */
export function assertSecondPerson(enteredBy: string, session: Session, what = '该记录'): void {
  if (enteredBy === session.user.username) {
    throw new AppError('SELF_APPROVAL', `不能审批自己录入的${what}，须由另一名工作人员审批`);
  }
}
