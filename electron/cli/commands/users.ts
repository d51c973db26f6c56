import { roleSchema } from '../../../shared/contract';
import {
  CliClient,
  failed,
  NEW_PASSWORD_ENV,
  RECOVERY_ENV,
  requireData,
  requireEnv,
  signInOptions,
  withSignedIn,
} from '../session';
import { usageError, type Command } from '../types';

export const userAddCommand: Command = {
  name: 'user add',
  summary: '新增用户（管理员）',
  usage:
    'user add --data DIR --user ADMIN --username U --name 姓名 --roles clerk,reviewer,head,admin   （新用户密码取自 WELFARE_DESK_NEW_PASSWORD）',
  options: { ...signInOptions, username: { type: 'string' }, name: { type: 'string' }, roles: { type: 'string' } },
  run(env) {
    const { username, name, roles } = env.values;
    if (typeof username !== 'string' || typeof name !== 'string' || typeof roles !== 'string')
      return Promise.resolve(usageError('缺少 --username、--name 或 --roles'));
    const parsedRoles = roleSchema.array().safeParse(roles.split(',').filter(Boolean));
    if (!parsedRoles.success)
      return Promise.resolve(usageError('--roles 只能是 clerk、reviewer、head、admin，用逗号分隔'));
    const password = requireEnv(env, NEW_PASSWORD_ENV, '新用户的密码');
    if (typeof password !== 'string') return Promise.resolve(password);
    return withSignedIn(env, async (client) => {
      const r = await client.call('user.add', { username, displayName: name, roles: parsedRoles.data, password });
      if (!r.ok) return failed(r);
      return { ok: true, value: { user: r.value }, text: `已新增用户 ${r.value.username}（${r.value.displayName}）` };
    });
  },
};

export const userDisableCommand: Command = {
  name: 'user disable',
  summary: '停用用户并删除其密钥槽（管理员）',
  usage: 'user disable --data DIR --user ADMIN --username U',
  options: { ...signInOptions, username: { type: 'string' } },
  run(env) {
    const username = env.values.username;
    if (typeof username !== 'string') return Promise.resolve(usageError('缺少 --username'));
    return withSignedIn(env, async (client) => {
      const r = await client.call('user.disable', { username });
      if (!r.ok) return failed(r);
      return { ok: true, value: { user: r.value }, text: `已停用用户 ${username}` };
    });
  },
};

export const userPasswdCommand: Command = {
  name: 'user passwd',
  summary: '修改密码：自己的（--user），他人的（管理员 --username），或凭恢复码重设（WELFARE_DESK_RECOVERY）',
  usage:
    'user passwd --data DIR --user U [--username OTHER]   （原密码 WELFARE_DESK_PASSWORD，新密码 WELFARE_DESK_NEW_PASSWORD）\n      user passwd --data DIR --username U   （凭 WELFARE_DESK_RECOVERY 恢复码重设）',
  options: { ...signInOptions, username: { type: 'string' } },
  async run(env) {
    const newPassword = requireEnv(env, NEW_PASSWORD_ENV, '新密码');
    if (typeof newPassword !== 'string') return newPassword;
    const target = typeof env.values.username === 'string' ? env.values.username : undefined;
    if (typeof env.values.user !== 'string') {
      // No signed-in user: the recovery code is the only way in.
      const data = requireData(env);
      if (typeof data !== 'string') return data;
      const code = requireEnv(env, RECOVERY_ENV, '恢复码');
      if (typeof code !== 'string') return code;
      if (!target) return usageError('用恢复码重设时须用 --username 指明用户');
      const client = new CliClient(data);
      try {
        const r = await client.call('session.recover', { recoveryCode: code, username: target, newPassword });
        if (!r.ok) return failed(r);
        return { ok: true, value: { username: target, recovered: true }, text: `已凭恢复码为 ${target} 设置新密码` };
      } finally {
        client.close();
      }
    }
    return withSignedIn(env, async (client) => {
      const self = env.values.user;
      if (!target || target === self) {
        const r = await client.call('session.changePassword', {
          oldPassword: env.env.WELFARE_DESK_PASSWORD ?? '',
          newPassword,
        });
        if (!r.ok) return failed(r);
        return { ok: true, value: { username: self }, text: '密码已修改' };
      }
      const r = await client.call('user.resetPassword', { username: target, newPassword });
      if (!r.ok) return failed(r);
      return { ok: true, value: { username: target }, text: `已为 ${target} 重设密码` };
    });
  },
};
