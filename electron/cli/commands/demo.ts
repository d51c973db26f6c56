import { parseIsoDate } from '../../../shared/domain/dates';
import { programLabels, programs } from '../../../shared/domain/programs';
import type { Role } from '../../../shared/contract';
import { isAppError } from '../../errors';
import { generateDemo, type DemoCounts } from '../../services/demo';
import { CliClient, failed, PASSWORD_ENV, requireData, requireEnv } from '../session';
import { usageError, type CliOutcome, type Command } from '../types';

/** The staff of a demo office, one per role, so every page and the two-person rule can be tried. */
const DEMO_USERS: ReadonlyArray<{ username: string; displayName: string; roles: Role[] }> = [
  { username: 'clerk', displayName: '经办人', roles: ['clerk'] },
  { username: 'reviewer', displayName: '审核人', roles: ['reviewer'] },
  { username: 'head', displayName: '负责人', roles: ['head'] },
];

interface DemoArgs {
  data: string;
  password: string;
  scale: number;
  seed: number;
  today: string | null;
  countyCode: string;
  countyName: string;
  user: string;
  history: number;
}

function parseDemoArgs(
  values: Record<string, string | boolean | undefined>,
  data: string,
  password: string,
): DemoArgs | CliOutcome {
  const scale = Number(values.scale);
  if (typeof values.scale !== 'string' || !(scale > 0 && scale <= 10))
    return usageError('--scale 应为大于 0、不超过 10 的数，例如 0.05、1、3.5');
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isSafeInteger(seed)) return usageError('--seed 应为整数');
  const history = values.history === undefined ? 24 : Number(values.history);
  if (!(Number.isInteger(history) && history >= 0 && history <= 60))
    return usageError('--history 应为 0–60 的整数（今天之前已发放的月数）');
  const today = typeof values.today === 'string' ? values.today : null;
  if (today !== null && !parseIsoDate(today)) return usageError('--today 应为有效日期 YYYY-MM-DD');
  const code = values['county-code'];
  const name = values['county-name'];
  if ((code === undefined) !== (name === undefined)) return usageError('--county-code 和 --county-name 须同时给出');
  return {
    data,
    password,
    scale,
    seed,
    today,
    countyCode: typeof code === 'string' ? code : '420102',
    countyName: typeof name === 'string' ? name : '江岸区',
    user: typeof values.user === 'string' ? values.user : 'admin',
    history,
  };
}

/** Creates the data directory with the administrator and the three demo users; returns the recovery code. */
async function initialise(client: CliClient, a: DemoArgs): Promise<string | CliOutcome> {
  const init = await client.call('app.init', {
    countyCode: a.countyCode,
    countyName: a.countyName,
    officeName: `${a.countyName}民政局`,
    admin: { username: a.user, displayName: '系统管理员', password: a.password },
  });
  if (!init.ok) return failed(init);
  for (const u of DEMO_USERS) {
    const r = await client.call('user.add', { ...u, password: a.password });
    const refusal = r.ok ? null : failed(r);
    if (refusal && !refusal.ok) {
      // The directory exists now: its recovery code must not be lost with the failure.
      const recoveryCode = init.value.recoveryCode;
      return {
        ...refusal,
        error: { ...refusal.error, message: `${refusal.error.message}（数据目录已初始化，恢复码：${recoveryCode}）` },
        details: { recoveryCode },
      };
    }
  }
  return init.value.recoveryCode;
}

function summary(counts: DemoCounts, args: DemoArgs, seconds: number): string[] {
  return [
    `已生成演示数据（规模 ${args.scale}，随机种子 ${args.seed}），用时 ${seconds} 秒：`,
    `  乡镇（街道）${counts.townships} 个，村（社区）${counts.villages} 个${counts.regionsReused ? '（使用已有区划）' : ''}`,
    `  人员 ${counts.persons} 人，残疾人证 ${counts.certificates} 张`,
    ...programs.map((p) => `  ${programLabels[p]}：${counts.enrolments[p]} 条`),
    `  预置问题 ${counts.problems.length} 处：${counts.problems.map((p) => p.label).join('；')}`,
    ...(counts.history
      ? [
          `  发放历史 ${counts.history.from} 至 ${counts.history.to}：${counts.history.batches} 个已回盘批次，${counts.history.lines} 笔明细；银行退回 ${counts.history.failed} 笔（已重发 ${counts.history.reissued} 笔），死亡 ${counts.history.deaths} 人，追缴 ${counts.history.recoveries.pending + counts.history.recoveries.recovered + counts.history.recoveries.waived} 个月（已追回 ${counts.history.recoveries.recovered}，核销 ${counts.history.recoveries.waived}）`,
        ]
      : []),
  ];
}

export const demoCommand: Command = {
  name: 'demo',
  summary: '生成演示县区数据（乡镇村、人员、残疾人证、各项待遇），供试用、测试和性能测试',
  usage:
    'demo --data DIR --scale S [--seed N] [--today YYYY-MM-DD] [--history 月数，默认 24] [--county-code CODE --county-name NAME] [--user ADMIN]   （密码取自 WELFARE_DESK_PASSWORD；目录未初始化时先初始化，并以同一密码建立 clerk、reviewer、head 三个用户；已初始化的目录沿用其县区和已有的村（社区））',
  options: {
    data: { type: 'string' },
    scale: { type: 'string' },
    seed: { type: 'string' },
    today: { type: 'string' },
    history: { type: 'string' },
    'county-code': { type: 'string' },
    'county-name': { type: 'string' },
    user: { type: 'string' },
  },
  async run(env) {
    const data = requireData(env);
    if (typeof data !== 'string') return data;
    const password = requireEnv(env, PASSWORD_ENV, '密码');
    if (typeof password !== 'string') return password;
    const args = parseDemoArgs(env.values, data, password);
    if ('ok' in args) return args;
    const client = new CliClient(data);
    try {
      let recoveryCode: string | null = null;
      if (!client.app.isInitialized()) {
        const r = await initialise(client, args);
        if (typeof r !== 'string') return r;
        recoveryCode = r;
      } else {
        const login = await client.call('session.login', { username: args.user, password });
        if (!login.ok) return failed(login);
      }
      const info = await client.call('app.info', {});
      const session = info.ok ? info.value.session : null;
      const store = client.app.currentStore();
      if (!session || !store)
        return { ok: false, error: { code: 'NOT_SIGNED_IN', message: '登录失败，无法打开数据库' } };
      // The bulk insert bypasses the channels for speed, so the role check they would make is made here.
      if (!session.user.roles.includes('admin'))
        return { ok: false, error: { code: 'FORBIDDEN', message: '生成演示数据须由管理员操作' } };
      const countyCode = info.ok && info.value.profile ? info.value.profile.countyCode : args.countyCode;
      const started = performance.now();
      let counts: DemoCounts;
      try {
        counts = generateDemo(
          store,
          { username: session.user.username, channel: 'demo.generate' },
          {
            scale: args.scale,
            seed: args.seed,
            today: args.today ?? client.app.clock().toISOString().slice(0, 10),
            countyCode,
            historyMonths: args.history,
          },
        );
      } catch (e) {
        if (!isAppError(e)) throw e;
        // The directory was created all the same: its recovery code must not be lost with the failure.
        return recoveryCode
          ? {
              ok: false,
              error: { code: e.code, message: `${e.message}（数据目录已初始化，恢复码：${recoveryCode}）` },
              details: { recoveryCode },
            }
          : { ok: false, error: e.toBody() };
      }
      const seconds = Math.round((performance.now() - started) / 10) / 100;
      const lines = summary(counts, args, seconds);
      if (recoveryCode) {
        lines.push(
          '',
          `用户 ${args.user}（管理员）、clerk（经办人）、reviewer（审核人）、head（负责人）的密码均为 WELFARE_DESK_PASSWORD 中的密码。`,
        );
        lines.push(
          `恢复码：${recoveryCode}`,
          '恢复码只显示这一次。所有密码都遗失时，只有它能打开数据库。请抄写或打印后锁入保险柜。',
        );
      }
      return {
        ok: true,
        value: { ...counts, seconds, ...(recoveryCode ? { recoveryCode } : {}) },
        text: lines.join('\n'),
      };
    } finally {
      if (client.app.session('cli')) await client.call('session.logout', {});
      client.close();
    }
  },
};
