import type { ReportView } from '../../../shared/contract';
import { formatFen } from '../../../shared/domain/money';
import { reportForms, reportNames, type ReportCell, type ReportName } from '../../../shared/domain/reports';
import { failed, outOptions, signInOptions, withSignedIn } from '../session';
import { usageError, type CliEnv, type Command } from '../types';

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const isName = (v: string | undefined): v is ReportName => (reportNames as readonly string[]).includes(v ?? '');
const scopeOptions = { period: { type: 'string' }, township: { type: 'string' } } as const;

function scopeOf(env: CliEnv): { period: string; township?: string } | string {
  const period = str(env.values.period);
  if (!period) return '缺少 --period 统计期（如 2026-01..2026-11；一个月为 2026-11..2026-11）';
  const township = str(env.values.township);
  return township ? { period, township } : { period };
}

const cellText = (c: ReportCell | undefined) =>
  !c ? '' : c.kind === 'count' ? String(c.value) : c.kind === 'money' ? formatFen(c.fen) : c.text;

/** A table as tab-separated text for a terminal. */
export function tableText(v: ReportView): string {
  const t = v.table;
  return [
    `${t.title}  统计期：${t.periodLabel}  ${t.unitNote}  填报单位：${v.header.office}（${v.header.scope}）`,
    ...(t.emptyReason ? [`说明：${t.emptyReason}`] : []),
    ['项目', ...t.columns.map((c) => (c.group ? `${c.group}${c.label}` : c.label))].join('\t'),
    ...t.rows.map((r) =>
      [`${r.level === 1 ? '  ' : ''}${r.label}${r.unit ? `（${r.unit}）` : ''}`, ...r.cells.map(cellText)].join('\t'),
    ),
  ].join('\n');
}

const names = `可用报表：${reportNames.join('、')}`;

export const reportListCommand: Command = {
  name: 'report list',
  summary: '列出统计报表',
  usage: 'report list --data DIR --user U [--json]',
  options: { ...signInOptions },
  run(env) {
    return withSignedIn(env, async (client) => {
      const r = await client.call('report.list', {});
      if (!r.ok) return failed(r);
      return { ok: true, value: r.value, text: r.value.reports.map((x) => `${x.name}\t${x.title}`).join('\n') };
    });
  },
};

export const reportShowCommand: Command = {
  name: 'report show',
  summary: '显示一张统计报表（金额以分和元给出）',
  usage: 'report show NAME --data DIR --user U --period 2026-01..2026-11 [--township 乡镇代码] [--json]',
  options: { ...signInOptions, ...scopeOptions },
  run(env) {
    const name = env.positionals[0];
    if (!isName(name)) return Promise.resolve(usageError(`报表：${name ?? '（未给出）'} 不存在，${names}`));
    const scope = scopeOf(env);
    if (typeof scope === 'string') return Promise.resolve(usageError(scope));
    return withSignedIn(env, async (client) => {
      const r = await client.call('report.show', { name, ...scope });
      if (!r.ok) return failed(r);
      return { ok: true, value: r.value, text: tableText(r.value) };
    });
  },
};

export const reportExportCommand: Command = {
  name: 'report export',
  summary: '导出统计报表为 xlsx 或 pdf（按 --out 的扩展名）',
  usage:
    'report export NAME --data DIR --user U --period 2026-01..2026-11 [--township 乡镇代码] --out FILE.xlsx|FILE.pdf [--force]',
  options: { ...signInOptions, ...scopeOptions, ...outOptions },
  run(env) {
    const name = env.positionals[0];
    if (!isName(name)) return Promise.resolve(usageError(`报表：${name ?? '（未给出）'} 不存在，${names}`));
    const scope = scopeOf(env);
    if (typeof scope === 'string') return Promise.resolve(usageError(scope));
    const out = str(env.values.out);
    const format = out?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : out?.toLowerCase().endsWith('.pdf') ? 'pdf' : null;
    if (!out || !format) return Promise.resolve(usageError('--out 应为 .xlsx 或 .pdf 文件'));
    return withSignedIn(
      env,
      async (client) => {
        const r = await client.call('report.export', { name, format, ...scope });
        if (!r.ok) return failed(r);
        return {
          ok: true,
          value: { report: name, format, ...r.value },
          text: `已写入 ${out}（${reportForms[name].title}，${String(r.value.bytes)} 字节）`,
        };
      },
      { saveTo: out },
    );
  },
};

export const reportSummaryCommand: Command = {
  name: 'report summary',
  summary: '工作总结数据段落：显示，或以 --out 导出为 docx / pdf',
  usage:
    'report summary --data DIR --user U --period 2026-01..2026-11 [--township 乡镇代码] [--out FILE.docx|FILE.pdf] [--json]',
  options: { ...signInOptions, ...scopeOptions, ...outOptions },
  run(env) {
    const scope = scopeOf(env);
    if (typeof scope === 'string') return Promise.resolve(usageError(scope));
    const out = str(env.values.out);
    const format = out?.toLowerCase().endsWith('.docx') ? 'docx' : out?.toLowerCase().endsWith('.pdf') ? 'pdf' : null;
    if (out && !format) return Promise.resolve(usageError('--out 应为 .docx 或 .pdf 文件'));
    return withSignedIn(
      env,
      async (client) => {
        const s = await client.call('report.summary', scope);
        if (!s.ok) return failed(s);
        if (!out || !format) return { ok: true, value: s.value, text: s.value.text };
        const r = await client.call('report.export', { name: 'summary', format, ...scope });
        if (!r.ok) return failed(r);
        return {
          ok: true,
          value: { ...s.value, ...r.value },
          text: `${s.value.text}\n已写入 ${out}（${String(r.value.bytes)} 字节）`,
        };
      },
      out ? { saveTo: out } : {},
    );
  },
};

export const reportCommands = [reportListCommand, reportShowCommand, reportExportCommand, reportSummaryCommand];
