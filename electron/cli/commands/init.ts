import { roleSchema } from '../../../shared/contract';
import { findCounty } from '../../services/regions/divisions';
import { CliClient, failed, PASSWORD_ENV, requireData, requireEnv } from '../session';
import { usageError, type Command } from '../types';

export const initCommand: Command = {
  name: 'init',
  summary: '初始化数据目录：新建加密数据库、第一个管理员和恢复码',
  usage:
    'init --data DIR --county-code CODE [--county-name NAME] --admin USERNAME [--admin-name 姓名] [--office-name 单位] [--admin-roles head,clerk] [--no-regions]   （密码取自 WELFARE_DESK_PASSWORD；默认载入本县区的全国乡镇、村名单）\n      init --data DIR --level city --code 4209 --name 孝感市 --admin USERNAME   （市级：汇总各县上报数据包）',
  options: {
    data: { type: 'string' },
    'county-code': { type: 'string' },
    'county-name': { type: 'string' },
    level: { type: 'string' },
    code: { type: 'string' },
    name: { type: 'string' },
    'office-name': { type: 'string' },
    admin: { type: 'string' },
    'admin-name': { type: 'string' },
    'admin-roles': { type: 'string' },
    'no-regions': { type: 'boolean' },
  },
  async run(env) {
    const data = requireData(env);
    if (typeof data !== 'string') return data;
    const password = requireEnv(env, PASSWORD_ENV, '管理员密码');
    if (typeof password !== 'string') return password;
    const level = env.values.level ?? 'county';
    if (level !== 'county' && level !== 'city') return usageError('--level 只能是 county 或 city');
    const code = env.values['county-code'] ?? env.values.code;
    // A city's own code is 4 digits (4209); stored as the 6-digit division code (420900).
    const countyCode = typeof code === 'string' && /^\d{4}$/.test(code) ? `${code}00` : code;
    const admin = env.values.admin;
    if (typeof countyCode !== 'string' || typeof admin !== 'string') {
      return usageError('缺少 --county-code（或 --code）或 --admin');
    }
    // A city keeps no townships of its own: it consolidates its counties' packages.
    const noRegions = env.values['no-regions'] === true || level === 'city';
    let countyName = env.values['county-name'] ?? env.values.name;
    if (typeof countyName !== 'string') {
      // The name comes from the national list when only the code is given.
      const county = /^\d{6}$/.test(countyCode) ? findCounty(countyCode) : undefined;
      if (!county) return usageError(`缺少 --county-name（全国区划中没有县区代码 ${countyCode}）`);
      countyName = county.name;
    }
    const extraRoles =
      typeof env.values['admin-roles'] === 'string' ? env.values['admin-roles'].split(',').filter(Boolean) : [];
    const roles = roleSchema.array().safeParse(extraRoles);
    if (!roles.success) return usageError('--admin-roles 只能是 clerk、reviewer、head、admin，用逗号分隔');
    const client = new CliClient(data);
    try {
      const r = await client.call('app.init', {
        countyCode,
        countyName,
        officeName: typeof env.values['office-name'] === 'string' ? env.values['office-name'] : `${countyName}民政局`,
        level,
        admin: {
          username: admin,
          displayName: typeof env.values['admin-name'] === 'string' ? env.values['admin-name'] : admin,
          password,
          roles: roles.data,
        },
        regions: noRegions ? 'none' : 'national',
      });
      if (!r.ok) return failed(r);
      const profile = r.value.info.profile;
      return {
        ok: true,
        value: {
          dataDir: client.app.paths.dir,
          countyCode: profile?.countyCode,
          countyName: profile?.countyName,
          level,
          admin: r.value.info.session?.user.username,
          recoveryCode: r.value.recoveryCode,
        },
        text: [
          `已初始化${level === 'city' ? '（市级）' : ''}：${profile?.countyName}（${profile?.countyCode}），数据目录 ${client.app.paths.dir}`,
          `管理员：${admin}`,
          '',
          `恢复码：${r.value.recoveryCode}`,
          '恢复码只显示这一次。所有密码都遗失时，只有它能打开数据库。请抄写或打印后锁入保险柜。',
        ].join('\n'),
      };
    } finally {
      client.close();
    }
  },
};
