import { z } from 'zod';
import { displayNameSchema, newPasswordSchema, usernameSchema } from './app';
import { channel } from './channel';
import { access, roleSchema } from './roles';

export const userRowSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  disabled: z.boolean(),
  createdAt: z.string(),
  passwordChangedAt: z.string(),
});
export type UserRow = z.infer<typeof userRowSchema>;

const rolesInput = z.array(roleSchema).min(1, { message: '至少选择一个角色' }).max(4);
const admin = access.roles('admin');

export const userChannels = {
  'user.list': channel({
    title: '用户列表',
    access: admin,
    input: z.object({}).strict(),
    output: z.array(userRowSchema),
  }),
  'user.add': channel({
    title: '新增用户',
    access: admin,
    input: z
      .object({
        username: usernameSchema,
        displayName: displayNameSchema,
        roles: rolesInput,
        password: newPasswordSchema,
      })
      .strict(),
    output: userRowSchema,
  }),
  'user.update': channel({
    title: '修改用户',
    access: admin,
    input: z.object({ username: usernameSchema, displayName: displayNameSchema, roles: rolesInput }).strict(),
    output: userRowSchema,
  }),
  'user.disable': channel({
    title: '停用用户',
    access: admin,
    input: z.object({ username: usernameSchema }).strict(),
    output: userRowSchema,
  }),
  'user.resetPassword': channel({
    title: '重设用户密码',
    access: admin,
    input: z.object({ username: usernameSchema, newPassword: newPasswordSchema }).strict(),
    output: z.null(),
  }),
} as const;
