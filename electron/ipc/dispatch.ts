import {
  contract,
  describeIssues,
  errorMessages,
  installChineseErrors,
  isChannelName,
  type Access,
  type ChannelDef,
  type ChannelName,
  type ErrorCode,
  type Result,
} from '../../shared/contract';
import { isAppError } from '../errors';
import type { AppContext, Caller, Session } from '../services/app/context';
import { lockSession } from '../services/auth/service';
import { NO_JOB } from '../services/jobs/runner';
import { describeError, logEntry } from '../services/log/logger';
import type { CallContext, Handlers } from './types';

export type Dispatch = (caller: Caller, channel: unknown, input: unknown) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  /** Where unexpected errors are reported; they never reach the caller beyond INTERNAL. */
  logError?: (channel: string, error: unknown) => void;
}

/** Refusals worth a line in the audit log: someone tried what their role or the two-person rule forbids. */
const AUDITED_REFUSALS: ReadonlySet<ErrorCode> = new Set(['FORBIDDEN', 'SELF_APPROVAL']);

function denied(app: AppContext, access: Access, session: Session | null): ErrorCode | null {
  if (access.kind === 'public') return null;
  if (!session) return 'NOT_SIGNED_IN';
  if (access.kind === 'session') return null;
  if (!session.locked && app.idleExpired(session)) lockSession(app, session, 'idle');
  if (session.locked) return 'SESSION_LOCKED';
  if (access.kind === 'signedIn') return null;
  return session.user.roles.some((r) => access.roles.includes(r)) ? null : 'FORBIDDEN';
}

function failure(code: ErrorCode, message: string = errorMessages[code]): Result<never> {
  return { ok: false, error: { code, message } };
}

function auditRefusal(app: AppContext, session: Session | null, channel: ChannelName, code: ErrorCode): void {
  const store = app.currentStore();
  if (!store || !session) return;
  store.write({ username: session.user.username, channel }, (w) =>
    w.audit({
      action: 'access.denied',
      entity: 'channel',
      entityId: channel,
      after: { code, roles: session.user.roles },
    }),
  );
}

async function run<C extends ChannelName>(
  handlers: Handlers,
  channel: C,
  input: unknown,
  cx: Omit<CallContext, 'job'>,
): Promise<Result<unknown>> {
  const def: ChannelDef = contract[channel];
  const parsed = def.input.safeParse(input);
  if (!parsed.success) return failure('INVALID_INPUT', describeIssues(parsed.error.issues));
  const handler: Handlers[C] = handlers[channel];
  const data = parsed.data as Parameters<Handlers[C]>[0];
  if (!def.job) return { ok: true, value: await handler(data, { ...cx, job: NO_JOB }) };
  const jobId = typeof data === 'object' && data !== null && 'jobId' in data ? data.jobId : undefined;
  const spec = {
    id: typeof jobId === 'string' ? jobId : undefined,
    kind: def.job.kind,
    title: def.title,
    cancelled: def.job.cancelled,
    owner: cx.caller.key,
  };
  return { ok: true, value: await cx.app.jobs.run(spec, (job) => handler(data, { ...cx, job })) };
}

/**
 * The one road from a caller to a service: known channel → session, idle lock and
 * role → validated input → handler → envelope. It never throws.
 */
export function createDispatcher(app: AppContext, handlers: Handlers, opts: DispatcherOptions = {}): Dispatch {
  installChineseErrors();
  const logError =
    opts.logError ??
    ((channel: string, e: unknown) => app.logger.write(logEntry('internal', describeError(e), { channel })));
  return async (caller, channel, input) => {
    if (!isChannelName(channel)) return failure('UNKNOWN_CHANNEL');
    const session = app.session(caller.key);
    try {
      const access = contract[channel].access;
      const refusal = denied(app, access, session);
      if (refusal) {
        if (AUDITED_REFUSALS.has(refusal)) auditRefusal(app, session, channel, refusal);
        return failure(refusal);
      }
      const result = await run(handlers, channel, input, { app, caller, session, channel });
      if (session && access.kind !== 'public' && app.session(caller.key) === session)
        session.lastActivity = app.clock().getTime();
      return result;
    } catch (e) {
      if (isAppError(e)) {
        if (AUDITED_REFUSALS.has(e.code)) auditRefusal(app, session, channel, e.code);
        return { ok: false, error: e.toBody() };
      }
      logError(channel, e);
      return failure('INTERNAL');
    }
  };
}
