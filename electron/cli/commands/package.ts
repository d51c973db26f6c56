import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { formatFen } from '../../../shared/domain/money';
import { failed, signInOptions, withSignedIn } from '../session';
import { usageError, type Command } from '../types';

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

export const packageExportCommand: Command = {
  name: 'package export',
  summary: '生成本期上报数据包（.wdpkg，只有市民政局能打开）写入 U 盘或文件夹',
  usage: 'package export --data DIR --user U --period 2026-01..2026-06 --out DIR [--roster masked|full] [--plain]',
  options: {
    ...signInOptions,
    period: { type: 'string' },
    out: { type: 'string' },
    roster: { type: 'string' },
    // The plain xlsx and the 上报表 PDF for signature, beside the package.
    plain: { type: 'boolean' },
  },
  run(env) {
    const period = str(env.values.period);
    const out = str(env.values.out);
    const roster = str(env.values.roster) ?? 'none';
    if (!period || !out) return Promise.resolve(usageError('缺少 --period 或 --out'));
    if (roster !== 'none' && roster !== 'masked' && roster !== 'full')
      return Promise.resolve(usageError('--roster 只能是 masked 或 full'));
    return withSignedIn(
      env,
      async (client) => {
        const r = await client.call('package.export', { period, roster, plain: env.values.plain === true });
        if (!r.ok) return failed(r);
        return {
          ok: true,
          value: r.value,
          text: [
            `已生成上报数据包：${r.value.path}（第 ${String(r.value.sequence)} 号，${String(r.value.bytes)} 字节）`,
            `接收方公钥指纹：${r.value.recipientFingerprint}`,
            ...r.value.parts.map((p) => `  ${p.name}：${String(p.rows)} 行，SHA-256 ${p.sha256}`),
            ...r.value.plainFiles.map((f) => `同时保存：${f}`),
            '已读回校验，文件完整。',
          ].join('\n'),
        };
      },
      { folder: out },
    );
  },
};

export const packageImportCommand: Command = {
  name: 'package import',
  summary: '市级：导入县（区）的上报数据包（解密、验签、逐项校验）',
  usage:
    'package import --data DIR --user U --file F [--trust 指纹]   （首次导入某县时须用 --trust 核对其签名公钥指纹）',
  options: { ...signInOptions, file: { type: 'string' }, trust: { type: 'string' } },
  run(env) {
    const file = str(env.values.file);
    if (!file) return Promise.resolve(usageError('缺少 --file'));
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch {
      return Promise.resolve({
        ok: false,
        error: { code: 'INVALID_INPUT', message: `文件：找不到或无法读取 ${file}` },
      });
    }
    const trust = str(env.values.trust);
    return withSignedIn(env, async (client) => {
      const r = await client.call('package.import', {
        fileName: basename(file),
        contentBase64: content.toString('base64'),
        ...(trust ? { trustFingerprint: trust } : {}),
      });
      if (!r.ok) return failed(r);
      const v = r.value;
      return {
        ok: true,
        value: v,
        text: [
          `已导入：${v.countyName}（${v.countyCode}）${v.periodFrom} 至 ${v.periodTo}，第 ${String(v.sequence)} 号`,
          v.supersededSequence === null ? '' : `已取代先前导入的第 ${String(v.supersededSequence)} 号（旧包保留）`,
          v.newCounty ? `已登记新的县（区），签名公钥指纹 ${v.keyFingerprint}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      };
    });
  },
};

export const packageStatusCommand: Command = {
  name: 'package status',
  summary: '市级：本期各县（区）上报情况与汇总金额',
  usage: 'package status --data DIR --user U --period 2026-01..2026-06 [--json]',
  options: { ...signInOptions, period: { type: 'string' } },
  run(env) {
    const period = str(env.values.period);
    if (!period) return Promise.resolve(usageError('缺少 --period'));
    return withSignedIn(env, async (client) => {
      const r = await client.call('package.status', { period });
      if (!r.ok) return failed(r);
      const v = r.value;
      return {
        ok: true,
        value: v,
        text: [
          ...v.counties.map(
            (c) =>
              `${c.countyName}（${c.countyCode}）：${c.reported ? `已上报（第 ${String(c.sequence)} 号），发放 ${formatFen(c.moneyFen)} 元` : '未上报'}`,
          ),
          `合计发放：${formatFen(v.totalFen)} 元`,
        ].join('\n'),
      };
    });
  },
};

export const packageCommands: readonly Command[] = [packageExportCommand, packageImportCommand, packageStatusCommand];
