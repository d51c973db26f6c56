import type { ChannelName, Output, ParsedInput } from '../../shared/contract';
import { AppError } from '../errors';
import type { Actor } from '../db/audit';
import type { Store } from '../db/store';
import type { AppContext, Caller, Session } from '../services/app/context';
import type { Job } from '../services/jobs/runner';

export interface CallContext {
  readonly app: AppContext;
  readonly caller: Caller;
  /** Present for every channel whose access is not `public`. */
  readonly session: Session | null;
  /** The channel being served, for the audit trail. */
  readonly channel: ChannelName;
  /** The job this call runs as (channels marked `job` in the contract); NO_JOB otherwise. */
  readonly job: Job;
}

export type Handler<C extends ChannelName> = (input: ParsedInput<C>, cx: CallContext) => Output<C> | Promise<Output<C>>;

export type HandlerMap<C extends ChannelName> = { [K in C]: Handler<K> };
export type Handlers = HandlerMap<ChannelName>;

export function requireStore(cx: CallContext): Store {
  const store = cx.app.currentStore();
  if (!store || !cx.session) throw new AppError('NOT_SIGNED_IN');
  return store;
}

export function requireSession(cx: CallContext): Session {
  if (!cx.session) throw new AppError('NOT_SIGNED_IN');
  return cx.session;
}

/** The audit identity of this call. */
export function actorOf(cx: CallContext): Actor {
  return { username: requireSession(cx).user.username, channel: cx.channel };
}
