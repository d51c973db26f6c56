import { z } from 'zod';
import { channel } from './channel';
import { access } from './roles';

export const exportChannels = {
  'export.table': channel({
    title: '导出表格',
    access: access.roles('clerk', 'reviewer', 'head'),
    input: z
      .object({
        title: z.string().trim().min(1).max(60),
        format: z.enum(['csv', 'xlsx']),
        columns: z.array(z.string().max(60)).min(1).max(100),
        rows: z.array(z.array(z.union([z.string().max(500), z.number(), z.null()])).max(100)).max(200_000),
      })
      .strict(),
    output: z.object({ fileName: z.string(), rows: z.number().int() }),
  }),
} as const;
