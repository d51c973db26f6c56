import type { AuditVerifyResult } from '../../../shared/contract';
import { anchorProblem, checkAnchor, readAnchor } from '../../db/anchor';
import type { Store } from '../../db/store';
import type { AppContext } from '../app/context';
import { verifyAudit } from './service';

/**
 * The chain proves the rows it has; only the anchor outside the database proves
 * none are missing at its end. A chain that is whole but behind its anchor is
 * not reported as ok.
 */
export function verifyAuditWithAnchor(ctx: AppContext, store: Store): AuditVerifyResult {
  const result = verifyAudit(store);
  const key = ctx.currentKey();
  if (!result.ok || !key) return result;
  const check = checkAnchor(store.raw, key, readAnchor(ctx.paths.anchor));
  const problem = anchorProblem(check);
  if (!problem) return result;
  const seq = check.state === 'behind' || check.state === 'forked' ? check.anchorSeq : 0;
  return { ...result, ok: false, firstBroken: { seq, reason: problem } };
}
