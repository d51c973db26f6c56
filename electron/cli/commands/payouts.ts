import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { printDocumentSchema, programSchema, type Batch } from '../../../shared/contract';
import { parseMonth } from '../../../shared/domain/dates';
import { formatFen } from '../../../shared/domain/money';
import { payoutKindLabels, payoutKinds, payoutStatusLabels } from '../../../shared/domain/payouts';
import { programLabels } from '../../../shared/domain/programs';
import { failed, outOptions, signInOptions, withSignedIn } from '../session';
import { usageError, type CliOutcome, type Command } from '../types';
import { payoutLinesCommand, payoutRecoveriesCommand, payoutResolveRecoveryCommand } from './payouts-records';

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const batchOption = { batch: { type: 'string' } } as const;

/** What every payout command prints with --json: the batch, its lines and totals, and the total per kind. */
function batchOutcome(b: Batch, extra: Record<string, unknown> = {}, note = ''): CliOutcome {
  const perKind = Object.fromEntries(payoutKinds.map((k) => [k, b.byKind[k]]));
  const kinds = payoutKinds
    .filter((k) => b.byKind[k].lines > 0)
    .map((k) => `${payoutKindLabels[k]} ${String(b.byKind[k].lines)} 笔 ${formatFen(b.byKind[k].fen)} 元`);
  const text = [
    `批次 ${b.batchNo}（${programLabels[b.program]} ${b.periodFrom}${b.periodTo === b.periodFrom ? '' : `—${b.periodTo}`}）：${payoutStatusLabels[b.status]}`,
    `共 ${String(b.lineCount)} 笔，合计 ${formatFen(b.totalFen)} 元${kinds.length ? `（${kinds.join('；')}）` : ''}`,
    ...(note ? [note] : []),
  ].join('\n');
  return {
    ok: true,
    value: {
      batchId: b.id,
      batchNo: b.batchNo,
      status: b.status,
      lines: b.lineCount,
      totalFen: b.totalFen,
      byKind: perKind,
      ...extra,
    },
    text,
  };
}

function batchId(v: string | boolean | undefined): number | null {
  const n = Number(str(v));
  return Number.isInteger(n) && n > 0 ? n : null;
}

export const payoutGenerateCommand: Command = {
  name: 'payout generate',
  summary: '生成（或重新生成）发放批次草稿：某项目某月（按季、半年发放时为所在期间）',
  usage: 'payout generate --data DIR --user U --program P --month YYYY-MM',
  options: { ...signInOptions, program: { type: 'string' }, month: { type: 'string' } },
  run(env) {
    const program = programSchema.safeParse(str(env.values.program));
    const month = str(env.values.month);
    if (!program.success || !month || !parseMonth(month))
      return Promise.resolve(usageError('缺少有效的 --program 或 --month（YYYY-MM）'));
    return withSignedIn(env, async (client) => {
      const r = await client.call('payout.generate', { program: program.data, month });
      if (!r.ok) return failed(r);
      const notes = [
        r.value.held ? `${String(r.value.held)} 笔银行退回待更正账号` : '',
        r.value.recoveriesFound ? `发现 ${String(r.value.recoveriesFound)} 个月应追缴` : '',
        ...r.value.heldOut.map(
          (h) => `暂缓发放：${h.name}（${h.months.join('、')}，${formatFen(h.amountFen)} 元，${h.reason}）`,
        ),
      ].filter(Boolean);
      return batchOutcome(
        r.value,
        { held: r.value.held, recoveriesFound: r.value.recoveriesFound, heldOut: r.value.heldOut },
        notes.join('\n'),
      );
    });
  },
};

function stepCommand(name: 'review' | 'lock' | 'void', summary: string): Command {
  return {
    name: `payout ${name}`,
    summary,
    usage: `payout ${name} --data DIR --user U --batch ID${name === 'void' ? ' --reason 原因' : ''}`,
    options: { ...signInOptions, ...batchOption, ...(name === 'void' ? { reason: { type: 'string' } } : {}) },
    run(env) {
      const id = batchId(env.values.batch);
      const reason = str(env.values.reason);
      if (!id) return Promise.resolve(usageError('缺少 --batch 批次编号'));
      if (name === 'void' && !reason) return Promise.resolve(usageError('作废须提供 --reason 原因'));
      return withSignedIn(env, async (client) => {
        const r =
          name === 'void'
            ? await client.call('payout.void', { batchId: id, reason: reason ?? '' })
            : name === 'lock'
              ? await client.call('payout.lock', { batchId: id })
              : await client.call('payout.review', { batchId: id });
        return r.ok ? batchOutcome(r.value) : failed(r);
      });
    },
  };
}

export const payoutExportCommand: Command = {
  name: 'payout export-bank',
  summary: '导出已锁定批次的银行发放文件（按模板）',
  usage: 'payout export-bank --data DIR --user U --batch ID [--template 模板编号] --out FILE [--force]',
  options: { ...signInOptions, ...batchOption, template: { type: 'string' }, ...outOptions },
  run(env) {
    const id = batchId(env.values.batch);
    const out = str(env.values.out);
    if (!id || !out) return Promise.resolve(usageError('缺少 --batch 或 --out'));
    return withSignedIn(
      env,
      async (client) => {
        const templates = await client.call('bank.templates', {});
        if (!templates.ok) return failed(templates);
        const wanted = str(env.values.template);
        const t = wanted
          ? templates.value.find((x) => String(x.id) === wanted || x.name === wanted)
          : templates.value[0];
        if (!t)
          return {
            ok: false,
            error: {
              code: 'INVALID_INPUT',
              message: `模板：找不到“${wanted ?? ''}”，可用：${templates.value.map((x) => `${String(x.id)} ${x.name}`).join('、')}`,
            },
          };
        const r = await client.call('payout.exportBank', { batchId: id, templateId: t.id });
        if (!r.ok) return failed(r);
        const b = await client.call('payout.get', { batchId: id });
        if (!b.ok) return failed(b);
        return batchOutcome(
          b.value.batch,
          { file: r.value.fileName, template: t.name, fileLines: r.value.lines, fileTotalFen: r.value.totalFen },
          `已写入 ${out}（${t.name}，${String(r.value.lines)} 笔，${formatFen(r.value.totalFen)} 元）`,
        );
      },
      { saveTo: out },
    );
  },
};

export const payoutReturnCommand: Command = {
  name: 'payout import-return',
  summary: '导入银行回盘文件：逐笔标记成功或失败（失败原因）',
  usage: 'payout import-return --data DIR --user U --batch ID --file FILE [--only-listed]',
  options: { ...signInOptions, ...batchOption, file: { type: 'string' }, 'only-listed': { type: 'boolean' } },
  run(env) {
    const id = batchId(env.values.batch);
    const file = str(env.values.file);
    if (!id || !file) return Promise.resolve(usageError('缺少 --batch 或 --file'));
    return withSignedIn(env, async (client) => {
      const content = readFileSync(file).toString('base64');
      const r = await client.call('payout.importReturn', {
        batchId: id,
        fileName: basename(file),
        contentBase64: content,
        unlistedArePaid: env.values['only-listed'] !== true,
      });
      if (!r.ok) return failed(r);
      const note = [
        `成功 ${String(r.value.paid)} 笔，失败 ${String(r.value.failed)} 笔${r.value.pending ? `，${String(r.value.pending)} 笔尚未回盘（批次仍为已导出）` : ''}`,
        ...r.value.unmatched.map((u) => u.message),
      ].join('\n');
      return batchOutcome(
        r.value.batch,
        { paid: r.value.paid, failed: r.value.failed, pending: r.value.pending, unmatched: r.value.unmatched },
        note,
      );
    });
  },
};

export const printCommand: Command = {
  name: 'print',
  summary: '打印批次文书为 PDF：roster 发放花名册、slips 发放通知单、summary 汇总表',
  usage: 'print roster|slips|summary --data DIR --user U --batch ID --out FILE.pdf [--force]',
  options: { ...signInOptions, ...batchOption, ...outOptions },
  run(env) {
    const doc = printDocumentSchema.safeParse(env.positionals[0]);
    const id = batchId(env.values.batch);
    const out = str(env.values.out);
    if (!doc.success || !id || !out)
      return Promise.resolve(usageError('用法：print roster|slips|summary --batch ID --out FILE.pdf [--force]'));
    return withSignedIn(
      env,
      async (client) => {
        const r = await client.call('print.savePdf', { batchId: id, document: doc.data });
        if (!r.ok) return failed(r);
        const b = await client.call('payout.get', { batchId: id });
        if (!b.ok) return failed(b);
        return batchOutcome(
          b.value.batch,
          { file: r.value.fileName, pages: r.value.pages },
          `已写入 ${out}（${String(r.value.pages)} 页）`,
        );
      },
      { saveTo: out },
    );
  },
};

export const payoutCommands: Command[] = [
  payoutGenerateCommand,
  stepCommand('review', '复核发放批次（审核人，且不能是生成批次的人）'),
  stepCommand('lock', '锁定发放批次（负责人）；锁定后不可更改'),
  stepCommand('void', '作废发放批次（负责人，须说明原因）；其月份可重新发放'),
  payoutExportCommand,
  payoutReturnCommand,
  payoutLinesCommand,
  payoutRecoveriesCommand,
  payoutResolveRecoveryCommand,
  printCommand,
];
