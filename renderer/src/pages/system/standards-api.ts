import type { z } from 'zod';
import type { Result } from '../../../../shared/contract';
import type { standardsChannels } from '../../../../shared/contract/standards';
import { api, ApiError } from '../../api/client';

export type StandardsChannel = keyof typeof standardsChannels;
export type StandardsInput<C extends StandardsChannel> = z.input<(typeof standardsChannels)[C]['input']>;
export type StandardsOutput<C extends StandardsChannel> = z.output<(typeof standardsChannels)[C]['output']>;

/**
 * `call` for the standards channels. Until they are spread into the contract,
 * `ChannelName` does not list them; main validates and checks roles all the
 * same. Once registered, `call` from api/client replaces this one for one.
 */
export async function callStandards<C extends StandardsChannel>(channel: C, input: StandardsInput<C>): Promise<StandardsOutput<C>> {
  const invoke = api.invoke.bind(api) as unknown as (c: string, i: unknown) => Promise<Result<unknown>>;
  const result = await invoke(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value as StandardsOutput<C>;
}
