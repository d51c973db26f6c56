import type { ChannelName, Output, ParsedInput } from '../../shared/contract';
import { AppError } from '../errors';
import type { Store } from '../db/store';
import type { AppContext, Caller, Session } from '../services/app/context';

export interface CallContext {
  readonly app: AppContext;
  readonly caller: Caller;
  /** Present for every channel whose access is not `public`. */
  readonly session: Session | null;
}

export type Handler<C extends ChannelName> = (input: ParsedInput<C>, cx: CallContext) => Output<C> | Promise<Output<C>>;

export type HandlerMap<C extends ChannelName> = { [K in C]: Handler<K> };
export type Handlers = HandlerMap<ChannelName>;

export function requireStore(cx: CallContext): Store {
  const store = cx.app.currentStore();
  if (!store || !cx.session) throw new AppError('NOT_SIGNED_IN');
  return store;
}
