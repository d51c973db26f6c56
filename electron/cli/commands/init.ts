import { CliClient, failed, requireData, requirePassphrase } from '../session';
import { usageError, type Command } from '../types';

export const initCommand: Command = {
  name: 'init',
  summary: '初始化数据目录（新建加密数据库和密钥文件）',
  usage: 'init --data DIR --county-code CODE --county-name NAME   （口令取自环境变量 WELFARE_DESK_PASSPHRASE）',
  options: {
    data: { type: 'string' },
    'county-code': { type: 'string' },
    'county-name': { type: 'string' },
  },
  async run(env) {
    const data = requireData(env);
    if (typeof data !== 'string') return data;
    const passphrase = requirePassphrase(env);
    if (typeof passphrase !== 'string') return passphrase;
    const countyCode = env.values['county-code'];
    const countyName = env.values['county-name'];
    if (typeof countyCode !== 'string' || typeof countyName !== 'string') return usageError('缺少 --county-code 或 --county-name');
    const client = new CliClient(data);
    try {
      const r = await client.call('app.init', { countyCode, countyName, passphrase });
      if (!r.ok) return failed(r);
      return {
        ok: true,
        value: { dataDir: client.app.paths.dir, countyCode: r.value.countyCode, countyName: r.value.countyName },
        text: `已初始化：${r.value.countyName}（${r.value.countyCode}），数据目录 ${client.app.paths.dir}`,
      };
    } finally {
      client.close();
    }
  },
};
