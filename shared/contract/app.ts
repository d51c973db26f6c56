import { z } from 'zod';
import { channel } from './channel';
import { access, roleSchema } from './roles';

const empty = z.object({}).strict();

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_.-]{1,31}$/, { message: '应为 2–32 位字母、数字、下划线或点，以字母开头' });
export const displayNameSchema = z.string().trim().min(1).max(40);
/** A new password. Existing passwords are checked by the key slots, not by rules. */
export const newPasswordSchema = z.string().min(8, { message: '至少需要 8 个字符' }).max(256);
export const passwordSchema = z.string().min(1).max(256);
export const countyCodeSchema = z.string().regex(/^\d{6}$/, { message: '应为 6 位数字的县级行政区划代码' });
export const countyNameSchema = z.string().trim().min(2).max(40);

export const profileSchema = z.object({ countyCode: z.string(), countyName: z.string(), officeName: z.string() });
export type Profile = z.infer<typeof profileSchema>;

export const sessionUserSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  initialized: z.boolean(),
  profile: profileSchema.nullable(),
  session: z
    .object({
      user: sessionUserSchema,
      locked: z.boolean(),
      idleLockMinutes: z.number().int(),
      /** A city office sees the consolidation pages instead of the county's upward package. */
      level: z.enum(['county', 'city']).optional(),
    })
    .nullable(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appChannels = {
  'app.info': channel({ title: '查询程序状态', access: access.public, input: empty, output: appInfoSchema }),
  'app.init': channel({
    title: '初始设置',
    access: access.public,
    input: z
      .object({
        countyCode: countyCodeSchema,
        countyName: countyNameSchema,
        officeName: z.string().trim().min(2).max(60),
        /** A city office consolidates the packages of its counties; county is the default. */
        level: z.enum(['county', 'city']).optional(),
        admin: z
          .object({
            username: usernameSchema,
            displayName: displayNameSchema,
            password: newPasswordSchema,
            roles: z.array(roleSchema).max(4).optional(),
          })
          .strict(),
        /** 'national' loads the county's townships and villages from the national list shipped with the app. */
        regions: z.enum(['national', 'none']).optional(),
      })
      .strict(),
    output: z.object({ info: appInfoSchema, recoveryCode: z.string() }),
  }),
  'session.login': channel({
    title: '登录',
    access: access.public,
    input: z.object({ username: usernameSchema, password: passwordSchema }).strict(),
    output: appInfoSchema,
  }),
  'session.recover': channel({
    title: '用恢复码重设密码',
    access: access.public,
    input: z
      .object({ recoveryCode: z.string().min(1).max(100), username: usernameSchema, newPassword: newPasswordSchema })
      .strict(),
    output: appInfoSchema,
  }),
  'session.lock': channel({
    title: '锁定屏幕',
    access: access.session,
    input: z.object({ reason: z.enum(['user', 'idle']) }).strict(),
    output: z.null(),
  }),
  'session.unlock': channel({
    title: '解锁屏幕',
    access: access.session,
    input: z.object({ password: passwordSchema }).strict(),
    output: appInfoSchema,
  }),
  'session.logout': channel({ title: '退出登录', access: access.session, input: empty, output: z.null() }),
  'session.changePassword': channel({
    title: '修改密码',
    access: access.signedIn,
    input: z.object({ oldPassword: passwordSchema, newPassword: newPasswordSchema }).strict(),
    output: z.null(),
  }),
} as const;
