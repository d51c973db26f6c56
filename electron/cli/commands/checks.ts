import type { Access, Role } from '../../../shared/contract';
import { checkChannels } from '../../../shared/contract/checks';
import { checkKindDefs, checkKinds, severityLabels } from '../../../shared/domain/checks';
import { listChecks } from '../../services/checks/service';
import { readPolicyInForce } from '../../services/standards/policy';
import { monthOf } from '../../../shared/domain/dates';
import { signInOptions, withSignedIn, type CliClient } from '../session';
import type { CliOutcome, Command } from '../types';

const mayCall = (access: Access, roles: readonly Role[]) =>
  access.kind !== 'roles' || roles.some((r) => access.roles.includes(r));

export const checksCommand: Command = {
  name: 'checks',
  summary: '运行全部规则检查，列出待办预警（已忽略的不列出，加 --all 一并列出）',
  usage: 'checks --data DIR --user USERNAME [--all] [--json]',
  options: { ...signInOptions, all: { type: 'boolean' } },
  run: (env) => withSignedIn(env, (client) => Promise.resolve(checksOutcome(client, env.values.all === true))),
};

function checksOutcome(client: CliClient, includeDismissed: boolean): CliOutcome {
  // The same role rule as the check.list channel; the service is called directly
  // so that this command works before the channel is part of the contract.
  const session = client.app.session('cli');
  const store = client.app.currentStore();
  if (!session || !store) return { ok: false, error: { code: 'NOT_SIGNED_IN', message: '请先登录' } };
  if (!mayCall(checkChannels['check.list'].access, session.user.roles))
    return { ok: false, error: { code: 'FORBIDDEN', message: '您的角色无权执行此操作' } };
  const r = listChecks(store, client.app.today(), {
    includeDismissed,
    policy: readPolicyInForce(store, monthOf(client.app.today())),
  });
  const lines = [`待办预警（${r.today}）：共 ${r.total} 条`];
  for (const kind of checkKinds) {
    const rows = r.rows.filter((x) => x.kind === kind);
    if (rows.length === 0) continue;
    const def = checkKindDefs[kind];
    lines.push('', `【${def.label}】${r.counts[kind]} 条（${severityLabels[def.severity]}：${def.action}）`);
    for (const x of rows) {
      const place = [x.township, x.village].filter(Boolean).join('');
      lines.push(
        `  ${x.message}${place ? `（${place}）` : ''}${x.dismissed ? ` —— 已忽略：${x.dismissed.reason}（${x.dismissed.by}）` : ''}`,
      );
    }
  }
  return {
    ok: true,
    value: { today: r.today, total: r.total, counts: r.counts, findings: r.rows },
    text: lines.join('\n'),
  };
}
