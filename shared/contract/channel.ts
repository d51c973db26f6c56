import type { z } from 'zod';
import type { JobKind } from './jobs';
import type { Access } from './roles';

/**
 * One IPC channel: the zod schema every input is validated against in main, the
 * schema describing what comes back (types for both sides; checked in tests), and
 * who may call it.
 */
export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
  /** Chinese description for logs and the audit trail. */
  readonly title: string;
  /**
   * Long work: the dispatcher runs the handler as a job of this kind (progress
   * events, cancel, one of a kind at a time). `cancelled` tells the user what was
   * kept when it is cancelled.
   */
  readonly job?: { readonly kind: JobKind; readonly cancelled: string };
}

export function channel<I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> {
  return def;
}
