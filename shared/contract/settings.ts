import { z } from 'zod';
import { channel } from './channel';
import { access } from './roles';

export const settingsSchema = z.object({
  idleLockMinutes: z.number().int().min(1).max(240),
  backupKeepDaily: z.number().int().min(1).max(365),
  backupKeepMonthly: z.number().int().min(0).max(120),
  /** Largest spreadsheet an import accepts, in MB. */
  importMaxMegabytes: z.number().min(0.1).max(200),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  idleLockMinutes: 10,
  backupKeepDaily: 30,
  backupKeepMonthly: 12,
  importMaxMegabytes: 20,
};

export const settingsChannels = {
  'settings.get': channel({
    title: '读取系统设置',
    access: access.signedIn,
    input: z.object({}).strict(),
    output: settingsSchema,
  }),
  'settings.update': channel({
    title: '修改系统设置',
    access: access.roles('admin'),
    input: settingsSchema.partial().strict(),
    output: settingsSchema,
  }),
} as const;
