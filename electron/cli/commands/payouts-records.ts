import type { Recovery } from '../../../shared/contract';
import { formatFen } from '../../../shared/domain/money';
import { payoutKindLabels, payoutStatusLabels, recoveryStatusLabels } from '../../../shared/domain/payouts';
import { programShortLabels } from '../../../shared/domain/programs';
import { failed, signInOptions, withSignedIn } from '../session';
import { usageError, type Command } from '../types';

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const bankResult = { pending: '待回盘', paid: '成功', failed: '失败' } as const;

export const payoutLinesCommand: Command = {
  name: 'payout lines',
  summary: '列出批次的发放明细（与花名册、银行文件同一顺序），以及因缺少银行账号暂缓发放的人员',
  usage: 'payout lines --data DIR --user U --batch ID [--json]',
  options: { ...signInOptions, batch: { type: 'string' } },
  run(env) {
    const id = Number(str(env.values.batch));
    if (!Number.isInteger(id) || id <= 0) return Promise.resolve(usageError('缺少 --batch 批次编号'));
    return withSignedIn(env, async (client) => {
      const r = await client.call('payout.get', { batchId: id });
      if (!r.ok) return failed(r);
      const { batch: b, lines, heldOut, idsMasked } = r.value;
      const text = [
        `批次 ${b.batchNo}：${payoutStatusLabels[b.status]}，共 ${String(b.lineCount)} 笔，合计 ${formatFen(b.totalFen)} 元`,
        ...lines.map(
          (l, i) =>
            `${String(i + 1)}\t${l.township ?? ''}\t${l.village ?? ''}\t${l.name}\t${l.idNumber}\t${l.month}\t${payoutKindLabels[l.kind]}\t${formatFen(l.amountFen)}\t${bankResult[l.bankStatus]}${l.bankReason ? `：${l.bankReason}` : ''}`,
        ),
        ...heldOut.map(
          (h) => `暂缓发放：${h.name}（${h.months.join('、')}，${formatFen(h.amountFen)} 元，${h.reason}）`,
        ),
      ].join('\n');
      return {
        ok: true,
        value: { batchId: b.id, batchNo: b.batchNo, status: b.status, lines, heldOut, idsMasked },
        text,
      };
    });
  },
};

const statuses = ['pending', 'recovered', 'waived', 'cancelled'] as const;
const isStatus = (v: string): v is Recovery['status'] => (statuses as readonly string[]).includes(v);

export const payoutRecoveriesCommand: Command = {
  name: 'payout recoveries',
  summary: '列出追缴记录（多发的月份）：待追缴、已追回、免予追缴、已撤销',
  usage: 'payout recoveries --data DIR --user U [--status pending|recovered|waived|cancelled] [--json]',
  options: { ...signInOptions, status: { type: 'string' } },
  run(env) {
    const status = str(env.values.status);
    if (status !== undefined && !isStatus(status))
      return Promise.resolve(usageError(`--status 只能是 ${statuses.join('、')}`));
    return withSignedIn(env, async (client) => {
      const r = await client.call('payout.recoveries', status ? { status } : {});
      if (!r.ok) return failed(r);
      const pending = r.value.filter((x) => x.status === 'pending');
      const text = [
        `共 ${String(r.value.length)} 条，其中待追缴 ${String(pending.length)} 条 ${formatFen(pending.reduce((s, x) => s + x.amountFen, 0))} 元`,
        ...r.value.map(
          (x) =>
            `${String(x.id)}\t${x.name}\t${programShortLabels[x.program]}\t${x.month}\t${formatFen(x.amountFen)}\t${recoveryStatusLabels[x.status]}\t${x.reason}${x.resolvedNote ? `（${x.resolvedNote}）` : ''}`,
        ),
      ].join('\n');
      return { ok: true, value: { recoveries: r.value }, text };
    });
  },
};

export const payoutResolveRecoveryCommand: Command = {
  name: 'payout resolve-recovery',
  summary: '办结追缴：recovered 已追回（经办人），waived 免予追缴（负责人），须说明',
  usage: 'payout resolve-recovery --data DIR --user U --ids 12,13 --status recovered|waived --note 说明',
  options: { ...signInOptions, ids: { type: 'string' }, status: { type: 'string' }, note: { type: 'string' } },
  run(env) {
    const raw = (str(env.values.ids) ?? '').split(/[,，\s]+/).filter(Boolean);
    const ids = raw.map(Number);
    const status = str(env.values.status);
    const note = str(env.values.note);
    if (ids.length === 0 || ids.some((n) => !Number.isInteger(n) || n <= 0))
      return Promise.resolve(usageError('--ids 应为追缴记录编号，多个用逗号分隔'));
    if (status !== 'recovered' && status !== 'waived')
      return Promise.resolve(usageError('--status 只能是 recovered（已追回）或 waived（免予追缴）'));
    if (!note) return Promise.resolve(usageError('缺少 --note 说明'));
    return withSignedIn(env, async (client) => {
      const r = await client.call('payout.resolveRecovery', { ids, status, note });
      if (!r.ok) return failed(r);
      return {
        ok: true,
        value: r.value,
        text: `已办结 ${String(r.value.updated)} 条追缴（${recoveryStatusLabels[status]}）`,
      };
    });
  },
};
