import { z } from 'zod';
import { passwordSchema, usernameSchema } from './app';
import { channel } from './channel';
import { jobInput } from './jobs';
import { access } from './roles';

/** Why a backup was written; `exit` refreshes the day's automatic backup when the program closes. */
export const backupKinds = ['daily', 'monthly', 'manual', 'exit', 'safety'] as const;
export const backupKindSchema = z.enum(backupKinds);
export type BackupKind = z.infer<typeof backupKindSchema>;

/** The folders under DATA/backups; `safety` holds the database as it was before a restore. */
export const backupGroups = ['daily', 'monthly', 'manual', 'safety'] as const;
export const backupGroupSchema = z.enum(backupGroups);
export type BackupGroup = z.infer<typeof backupGroupSchema>;

export const backupKindLabels: Record<BackupKind, string> = {
  daily: '每日自动备份',
  monthly: '每月自动备份',
  manual: '手动备份',
  exit: '退出时备份',
  safety: '恢复前的安全副本',
};

/** `daily/2026-11-28`: a folder under DATA/backups, never an absolute path from the renderer. */
export const backupIdSchema = z
  .string()
  .max(200)
  .regex(/^(daily|monthly|manual|safety)\/[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: '不是有效的备份编号' });

export const backupEntrySchema = z.object({
  id: z.string(),
  group: backupGroupSchema,
  /** Null when the folder has no readable manifest (an unfinished or damaged backup). */
  kind: backupKindSchema.nullable(),
  createdAt: z.string().nullable(),
  schemaVersion: z.number().int().nullable(),
  appVersion: z.string().nullable(),
  countyCode: z.string().nullable(),
  /** Rows over all tables at backup time. */
  rows: z.number().int().nullable(),
  bytes: z.number().int(),
  /** The manifest reads; the file hashes and the database itself are checked at restore. */
  readable: z.boolean(),
});
export type BackupEntry = z.infer<typeof backupEntrySchema>;

export const backupCreatedSchema = z.object({
  /** The folder written, shown to the user who chose where it goes. */
  path: z.string(),
  name: z.string(),
  kind: backupKindSchema,
  createdAt: z.string(),
  bytes: z.number().int(),
  rowCounts: z.record(z.string(), z.number().int()),
});
export type BackupCreated = z.infer<typeof backupCreatedSchema>;

export const restoreResultSchema = z.object({
  /** The backup's folder name. */
  restoredFrom: z.string(),
  createdAt: z.string(),
  schemaVersion: z.number().int(),
  /** Where the database as it was before the restore was kept (`safety/…`). */
  safetyId: z.string().nullable(),
});
export type RestoreResult = z.infer<typeof restoreResultSchema>;

export const rekeyResultSchema = z.object({ rekeyedAt: z.string(), slots: z.number().int() });
export type RekeyResult = z.infer<typeof rekeyResultSchema>;

const admin = access.roles('admin');

export const backupChannels = {
  'backup.list': channel({
    title: '备份列表',
    access: admin,
    input: z.object({}).strict(),
    output: z.array(backupEntrySchema),
  }),
  'backup.create': channel({
    title: '手动备份',
    access: admin,
    input: z.object({ ...jobInput }).strict(),
    output: backupCreatedSchema,
    job: { kind: 'backup', cancelled: '已取消备份：没有留下不完整的备份文件夹' },
  }),
  'backup.restore': channel({
    title: '从备份恢复',
    access: admin,
    input: z
      .object({
        id: backupIdSchema.optional(),
        choose: z.literal(true).optional(),
        /** Only needed when the backup was made under another key (before a rekey): the password valid in the backup. */
        password: passwordSchema.optional(),
        ...jobInput,
      })
      .strict()
      .refine((v) => (v.id === undefined) !== (v.choose === undefined), {
        message: '请指定一个备份，或选择备份文件夹（二者选一）',
      }),
    output: restoreResultSchema,
    job: { kind: 'restore', cancelled: '已取消恢复：数据库未作任何改动' },
  }),
  // The admin's own password again: a new key for every copy to come is not a one-click action.
  'key.rekey': channel({
    title: '更换数据库密钥',
    access: admin,
    input: z.object({ password: passwordSchema }).strict(),
    output: rekeyResultSchema,
  }),
  // When nobody can sign in (damaged or missing database or keyring, a database behind its anchor): the backups here.
  'backup.rescueList': channel({
    title: '可用于恢复的备份',
    access: access.public,
    input: z.object({}).strict(),
    output: z.array(backupEntrySchema),
  }),
  /** Restore without a session: proven by an administrator's password in the backup's own keyring, or the recovery code. */
  'backup.rescue': channel({
    title: '无法登录时从备份恢复',
    access: access.public,
    input: z
      .object({
        id: backupIdSchema.optional(),
        choose: z.literal(true).optional(),
        username: usernameSchema.optional(),
        password: passwordSchema.optional(),
        recoveryCode: z.string().min(1).max(100).optional(),
      })
      .strict()
      .refine((v) => (v.id === undefined) !== (v.choose === undefined), {
        message: '请指定一个备份，或选择备份文件夹（二者选一）',
      })
      .refine((v) => (v.recoveryCode !== undefined) !== (v.username !== undefined && v.password !== undefined), {
        message: '请输入备份中管理员的用户名和密码，或输入恢复码（二者选一）',
      }),
    output: restoreResultSchema,
  }),
} as const;
