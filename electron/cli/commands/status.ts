import { failed, signInOptions, withSignedIn } from '../session';
import type { Command } from '../types';

export const statusCommand: Command = {
  name: 'status',
  summary: '显示数据库状态：架构版本、加密方式、页数、完整性检查',
  usage: 'status --data DIR --user USERNAME   （密码取自 WELFARE_DESK_PASSWORD）',
  options: signInOptions,
  run: (env) =>
    withSignedIn(env, async (client) => {
      const info = await client.call('app.info', {});
      const status = await client.call('system.status', {});
      if (!status.ok) return failed(status);
      const list = await client.call('region.list', {});
      const live = list.ok ? list.value.filter((r) => !r.retired) : [];
      const regions = {
        townships: live.filter((r) => r.level === 'township').length,
        villages: live.filter((r) => r.level === 'village').length,
      };
      const s = status.value;
      const profile = info.ok ? info.value.profile : null;
      const integrity = s.integrity.length === 1 && s.integrity[0] === 'ok' ? 'ok' : s.integrity;
      return {
        ok: true,
        value: {
          countyCode: profile?.countyCode ?? null,
          countyName: profile?.countyName ?? null,
          ...s,
          integrity,
          regions,
        },
        text: [
          `县区：${profile?.countyName}（${profile?.countyCode}）`,
          `架构版本：${s.schemaVersion}（程序支持 ${s.latestSchemaVersion}）`,
          `加密方式：${s.cipher}`,
          `页数：${s.pageCount}（每页 ${s.pageSize} 字节，文件 ${s.fileBytes} 字节）`,
          `日志模式：${s.journalMode}`,
          `区划：乡镇（街道）${regions.townships} 个，村（社区）${regions.villages} 个`,
          `完整性检查：${integrity === 'ok' ? 'ok' : s.integrity.join('；')}`,
        ].join('\n'),
      };
    }),
};
