import {
  contract,
  describeIssues,
  errorMessages,
  installChineseErrors,
  isChannelName,
  type Access,
  type ChannelName,
  type ErrorCode,
  type Result,
} from '../../shared/contract';
import { isAppError } from '../errors';
import type { AppContext, Caller, Session } from '../services/app/context';
import type { CallContext, Handlers } from './types';

export type Dispatch = (caller: Caller, channel: unknown, input: unknown) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  /** Where unexpected errors are reported; they never reach the caller beyond INTERNAL. */
  logError?: (channel: string, error: unknown) => void;
}

function denied(access: Access, session: Session | null): ErrorCode | null {
  if (access.kind === 'public') return null;
  if (!session) return 'NOT_SIGNED_IN';
  if (access.kind === 'signedIn') return null;
  return session.user.roles.some((r) => access.roles.includes(r)) ? null : 'FORBIDDEN';
}

function failure(code: ErrorCode, message: string = errorMessages[code]): Result<never> {
  return { ok: false, error: { code, message } };
}

async function run<C extends ChannelName>(handlers: Handlers, channel: C, input: unknown, cx: CallContext): Promise<Result<unknown>> {
  const parsed = contract[channel].input.safeParse(input);
  if (!parsed.success) return failure('INVALID_INPUT', describeIssues(parsed.error.issues));
  const handler: Handlers[C] = handlers[channel];
  return { ok: true, value: await handler(parsed.data as Parameters<Handlers[C]>[0], cx) };
}

/**
 * The one road from a caller to a service: known channel → session and role →
 * validated input → handler → envelope. It never throws.
 */
export function createDispatcher(app: AppContext, handlers: Handlers, opts: DispatcherOptions = {}): Dispatch {
  installChineseErrors();
  const logError = opts.logError ?? ((channel, e) => console.error(`[dispatch] ${channel}:`, e));
  return async (caller, channel, input) => {
    if (!isChannelName(channel)) return failure('UNKNOWN_CHANNEL');
    const session = app.session(caller.key);
    const refusal = denied(contract[channel].access, session);
    if (refusal) return failure(refusal);
    try {
      return await run(handlers, channel, input, { app, caller, session });
    } catch (e) {
      if (isAppError(e)) return { ok: false, error: e.toBody() };
      logError(channel, e);
      return failure('INTERNAL');
    }
  };
}
