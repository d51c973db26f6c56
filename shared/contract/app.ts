import { z } from 'zod';
import { channel } from './channel';
import { access, roleSchema } from './roles';

const empty = z.object({}).strict();

export const passphraseSchema = z.string().min(1).max(1024);

export const countyCodeSchema = z
  .string()
  .regex(/^\d{6}$/, { message: '应为 6 位数字的县级行政区划代码' });

export const countyNameSchema = z.string().trim().min(2).max(40);

export const sessionUserSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  initialized: z.boolean(),
  unlocked: z.boolean(),
  countyCode: z.string().nullable(),
  countyName: z.string().nullable(),
  user: sessionUserSchema.nullable(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appChannels = {
  'app.info': channel({
    title: '查询程序状态',
    access: access.public,
    input: empty,
    output: appInfoSchema,
  }),
  'app.init': channel({
    title: '初始化数据目录',
    access: access.public,
    input: z
      .object({
        countyCode: countyCodeSchema,
        countyName: countyNameSchema,
        passphrase: z.string().min(8, { message: '至少需要 8 个字符' }).max(1024),
      })
      .strict(),
    output: appInfoSchema,
  }),
  'session.unlock': channel({
    title: '解锁数据库',
    access: access.public,
    input: z.object({ passphrase: passphraseSchema }).strict(),
    output: appInfoSchema,
  }),
  'session.lock': channel({
    title: '锁定',
    access: access.signedIn,
    input: empty,
    output: z.null(),
  }),
} as const;
