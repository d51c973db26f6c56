import { z } from 'zod';
import { channel } from './channel';
import { access } from './roles';

export const dataLocationSchema = z.object({
  path: z.string(),
  isDefault: z.boolean(),
  /** Only the desktop app chooses its folder; the preview and the CLI are given one (`--data`). */
  canChoose: z.boolean(),
});
export type DataLocation = z.infer<typeof dataLocationSchema>;

export const locationChannels = {
  'app.dataLocation': channel({
    title: '查询数据目录',
    access: access.public,
    input: z.object({}).strict(),
    output: dataLocationSchema,
  }),
  'app.chooseDataLocation': channel({
    title: '选择数据目录',
    // Before setup nobody can sign in; once a database exists it cannot be moved from here.
    access: access.public,
    input: z.object({}).strict(),
    output: dataLocationSchema,
  }),
} as const;
