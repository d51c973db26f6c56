import type { HandlerMap } from '../../ipc/types';

export const jobHandlers = {
  'job.cancel': (input, cx) => ({ cancelled: cx.app.jobs.cancel(input.jobId) }),
  'job.list': (_input, cx) => cx.app.jobs.list(),
} satisfies HandlerMap<'job.cancel' | 'job.list'>;
