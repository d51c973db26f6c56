import type { z } from 'zod';
import type { checkChannels } from '../../../shared/contract/checks';
import type { CallContext } from '../../ipc/types';
import { actorOf, requireStore } from '../../ipc/types';
import { monthOf } from '../../../shared/domain/dates';
import { readPolicyInForce } from '../standards/policy';
import { countChecks, dismissCheck, listChecks } from './service';

/**
 * The same shape as `HandlerMap<'check.list' | 'check.counts' | 'check.dismiss'>`,
 * spelled from the channel definitions so that this file compiles before the
 * channels join the contract; once they have, either form checks the same.
 */
type CheckChannels = typeof checkChannels;
type CheckHandlerMap = {
  [K in keyof CheckChannels]: (
    input: z.output<CheckChannels[K]['input']>,
    cx: CallContext,
  ) => z.output<CheckChannels[K]['output']>;
};

/** The county's policy in force this month: its tiers, ages and review month decide the findings. */
const policyToday = (cx: CallContext) => readPolicyInForce(requireStore(cx), monthOf(cx.app.today()));

export const checkHandlers = {
  'check.list': (input, cx) =>
    listChecks(requireStore(cx), cx.app.today(), { includeDismissed: input.includeDismissed, policy: policyToday(cx) }),
  'check.counts': (_input, cx) => countChecks(requireStore(cx), cx.app.today(), policyToday(cx)),
  'check.dismiss': (input, cx) =>
    dismissCheck(requireStore(cx), actorOf(cx), input, cx.app.today(), cx.app.clock().toISOString(), policyToday(cx)),
} satisfies CheckHandlerMap;
