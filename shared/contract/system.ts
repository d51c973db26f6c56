import { z } from 'zod';
import { channel } from './channel';
import { access } from './roles';

const empty = z.object({}).strict();

export const dbStatusSchema = z.object({
  schemaVersion: z.number().int(),
  latestSchemaVersion: z.number().int(),
  cipher: z.string(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
  fileBytes: z.number().int(),
  journalMode: z.string(),
  /** `ok`, or the problems `integrity_check` reported. */
  integrity: z.array(z.string()),
});
export type DbStatus = z.infer<typeof dbStatusSchema>;

export const tableInfoSchema = z.object({
  name: z.string(),
  label: z.string(),
  rows: z.number().int(),
});
export type TableInfo = z.infer<typeof tableInfoSchema>;

export const systemChannels = {
  'system.status': channel({
    title: '数据库状态',
    access: access.roles('admin', 'head'),
    input: empty,
    output: dbStatusSchema,
  }),
  'system.tables': channel({
    title: '数据表一览',
    access: access.roles('admin', 'head'),
    input: empty,
    output: z.array(tableInfoSchema),
  }),
} as const;
