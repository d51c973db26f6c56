import type { z } from 'zod';
import { appChannels } from './app';
import type { ChannelDef } from './channel';
import type { Result } from './envelope';
import type { AppEvent } from './events';
import { systemChannels } from './system';
import { userChannels } from './users';
import { auditChannels } from './audit';
import { settingsChannels } from './settings';
import { backupChannels } from './backup';
import { registerChannels } from './registers';
import { exportChannels } from './export';
import { lifecycleChannels } from './lifecycle';
import { standardsChannels } from './standards';
import { checkChannels } from './checks';
import { payoutChannels } from './payouts';
import { importChannels } from './imports';
import { jobChannels } from './jobs';
import { logChannels } from './logs';
import { locationChannels } from './location';
import { searchChannels } from './search';
import { documentChannels } from './documents';
import { regionChannels } from './regions';
import { packageChannels } from './package';
import { reportChannels } from './reports';
import { uploadChannels } from './uploads';

/** The single contract between renderer and main: every channel, by `domain.verb`. */
export const contract = {
  ...appChannels,
  ...systemChannels,
  ...userChannels,
  ...auditChannels,
  ...settingsChannels,
  ...backupChannels,
  ...registerChannels,
  ...exportChannels,
  ...lifecycleChannels,
  ...standardsChannels,
  ...checkChannels,
  ...payoutChannels,
  ...importChannels,
  ...jobChannels,
  ...logChannels,
  ...locationChannels,
  ...searchChannels,
  ...documentChannels,
  ...regionChannels,
  ...packageChannels,
  ...reportChannels,
  ...uploadChannels,
} as const satisfies Record<string, ChannelDef>;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
/** What a caller passes (before zod defaults and transforms). */
export type Input<C extends ChannelName> = z.input<Contract[C]['input']>;
/** What the handler receives after validation. */
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type Output<C extends ChannelName> = z.output<Contract[C]['output']>;

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}

/** The only surface the renderer has: exposed by the preload, or by the loopback bridge. */
export interface WelfareApi {
  invoke<C extends ChannelName>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
}

export * from './envelope';
export * from './errors';
export * from './roles';
export * from './events';
export * from './fields';
export type { ChannelDef } from './channel';
export * from './zod-zh';
export * from './app';
export * from './system';
export * from './ipc';
export * from './users';
export * from './audit';
export * from './settings';
export * from './backup';
export * from './registers';
export * from './export';
export * from './lifecycle';
export * from './standards';
export * from './checks';
export * from './payouts';
export * from './imports';
export * from './jobs';
export * from './logs';
export * from './location';
export * from './search';
export * from './documents';
export * from './regions';
export * from './package';
export * from './reports';
export * from './uploads';
