import { CliClient, failed, requireData, requirePassphrase } from '../session';
import type { Command } from '../types';

export const statusCommand: Command = {
  name: 'status',
  summary: '显示数据库状态：架构版本、加密方式、页数、完整性检查',
  usage: 'status --data DIR   （口令取自环境变量 WELFARE_DESK_PASSPHRASE）',
  options: { data: { type: 'string' } },
  async run(env) {
    const data = requireData(env);
    if (typeof data !== 'string') return data;
    const passphrase = requirePassphrase(env);
    if (typeof passphrase !== 'string') return passphrase;
    const client = new CliClient(data);
    try {
      const unlocked = await client.call('session.unlock', { passphrase });
      if (!unlocked.ok) return failed(unlocked);
      const status = await client.call('system.status', {});
      if (!status.ok) return failed(status);
      const s = status.value;
      const integrity = s.integrity.length === 1 && s.integrity[0] === 'ok' ? 'ok' : s.integrity;
      return {
        ok: true,
        value: { countyCode: unlocked.value.countyCode, countyName: unlocked.value.countyName, ...s, integrity },
        text: [
          `县区：${unlocked.value.countyName}（${unlocked.value.countyCode}）`,
          `架构版本：${s.schemaVersion}（程序支持 ${s.latestSchemaVersion}）`,
          `加密方式：${s.cipher}`,
          `页数：${s.pageCount}（每页 ${s.pageSize} 字节，文件 ${s.fileBytes} 字节）`,
          `日志模式：${s.journalMode}`,
          `完整性检查：${integrity === 'ok' ? 'ok' : s.integrity.join('；')}`,
        ].join('\n'),
      };
    } finally {
      client.close();
    }
  },
};
