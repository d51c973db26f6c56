import { failed, signInOptions, withSignedIn } from '../session';
import type { Command } from '../types';

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary: '校验操作日志的哈希链，指出第一条被改动的记录',
  usage: 'audit verify --data DIR --user USERNAME',
  options: signInOptions,
  run: (env) =>
    withSignedIn(env, async (client) => {
      const r = await client.call('audit.verify', {});
      if (!r.ok) return failed(r);
      const v = r.value;
      if (!v.ok && v.firstBroken) {
        return {
          ok: false,
          error: {
            code: 'AUDIT_BROKEN',
            message: `操作日志第 ${v.firstBroken.seq} 条校验失败：${v.firstBroken.reason}`,
          },
          details: v,
        };
      }
      return {
        ok: true,
        value: { ...v },
        text: `操作日志完整：共 ${v.count} 条，链头 #${v.head?.seq ?? 0} ${v.head?.hash ?? ''}`,
      };
    }),
};
