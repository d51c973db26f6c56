import { appHandlers } from '../services/app/handlers';
import { systemHandlers } from '../services/system/handlers';
import type { Handlers } from './types';

/** Every channel of the contract has exactly one handler; the type checker holds us to it. */
export const handlers = {
  ...appHandlers,
  ...systemHandlers,
} satisfies Handlers;
