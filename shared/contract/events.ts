import { z } from 'zod';
import { jobInfoSchema } from './jobs';

/** Everything main pushes to the renderer travels as one of these on one channel. */
export const appEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session.locked'), reason: z.enum(['user', 'idle']) }),
  z.object({
    type: z.literal('session.ended'),
    /** `restarted`: the services worker died and was started again; every session went with it. */
    reason: z.enum(['logout', 'disabled', 'restored', 'rekeyed', 'restarted']),
  }),
  jobInfoSchema.extend({ type: z.literal('job') }),
  /** The services worker keeps dying: the window says so and offers to quit. */
  z.object({ type: z.literal('service.failed') }),
]);
export type AppEvent = z.infer<typeof appEventSchema>;
