import { z } from 'zod';
import { jobInfoSchema } from './jobs';

/** Everything main pushes to the renderer travels as one of these on one channel. */
export const appEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session.locked'), reason: z.enum(['user', 'idle']) }),
  z.object({ type: z.literal('session.ended'), reason: z.enum(['logout', 'disabled', 'restored', 'rekeyed']) }),
  jobInfoSchema.extend({ type: z.literal('job') }),
]);
export type AppEvent = z.infer<typeof appEventSchema>;
