import type { z } from 'zod';
import type { standardsChannels } from '../../../shared/contract/standards';
import { monthOf } from '../../../shared/domain/dates';
import type { CallContext } from '../../ipc/types';
import { actorOf, requireStore } from '../../ipc/types';
import { entitlementOf } from './facts';
import { listPolicySettings, readPolicyInForce, setPolicy } from './policy';
import { listStandards, setStandard } from './service';

export type StandardsChannel = keyof typeof standardsChannels;
type Def<C extends StandardsChannel> = (typeof standardsChannels)[C];

/**
 * The same shape as `HandlerMap<StandardsChannel>`, spelled out on this module's
 * own channels so it checks before they are spread into the contract; once they
 * are, `satisfies HandlerMap<StandardsChannel>` is the drop-in replacement.
 */
export type StandardsHandlerMap = {
  [K in StandardsChannel]: (
    input: z.output<Def<K>['input']>,
    cx: CallContext,
  ) => z.output<Def<K>['output']> | Promise<z.output<Def<K>['output']>>;
};

export const standardsHandlers = {
  'standard.list': (_input, cx) => listStandards(requireStore(cx)),
  'standard.set': (input, cx) => setStandard(requireStore(cx), actorOf(cx), input, cx.app.clock().toISOString()),
  'policy.get': (input, cx) => {
    const store = requireStore(cx);
    const month = input.month ?? monthOf(cx.app.today());
    return { month, policy: readPolicyInForce(store, month), settings: listPolicySettings(store) };
  },
  'policy.set': (input, cx) => setPolicy(requireStore(cx), actorOf(cx), input, cx.app.clock().toISOString()),
  'entitlement.get': (input, cx) => entitlementOf(requireStore(cx), input.enrolmentId, input.month),
} satisfies StandardsHandlerMap;
