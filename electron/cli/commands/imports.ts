import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { columnMappingSchema, programSchema, type ApiErrorBody, type ImportReport } from '../../../shared/contract';
import { programLabels } from '../../../shared/domain/programs';
import { failed, signInOptions, withSignedIn, type CliClient } from '../session';
import { usageError, type CliOutcome, type Command } from '../types';

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** Reads `--file` after checking its size against the configured limit, so a huge file is refused before it is loaded. */
async function readFile(
  client: CliClient,
  path: string,
): Promise<{ fileName: string; contentBase64: string } | CliOutcome> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return { ok: false, error: { code: 'INVALID_INPUT', message: `文件：找不到或无法读取 ${path}` } };
  }
  const settings = await client.call('settings.get', {});
  if (!settings.ok) return failed(settings);
  const limit = settings.value.importMaxMegabytes * 1024 * 1024;
  if (size > limit) {
    return {
      ok: false,
      error: {
        code: 'FILE_TOO_LARGE',
        message: `文件：大小为 ${(size / 1048576).toFixed(1)} MB，超过了设置的上限 ${settings.value.importMaxMegabytes} MB`,
      },
    };
  }
  return { fileName: basename(path), contentBase64: readFileSync(path).toString('base64') };
}

/** No header recognised: the first rows are listed so the user can name one with --header-row. */
function withSample<T extends { ok: false; error: ApiErrorBody }>(r: T): T {
  const details = r.error.details as { sample?: Array<{ row: number; cells: string[] }> } | undefined;
  if (r.error.code !== 'HEADER_NOT_FOUND' || !Array.isArray(details?.sample)) return r;
  const lines = details.sample.map((s) => `  第 ${s.row} 行：${s.cells.join(' | ')}`);
  const message = [r.error.message, ...lines, '用 --header-row 行号 指定表头行，并用 --mapping 指定各列对应'].join(
    '\n',
  );
  return { ...r, error: { ...r.error, message } };
}

function reportText(r: ImportReport): string {
  const lines = [
    `${r.committed ? '已导入' : '校验（未写入）'}：${r.fileName}（${programLabels[r.program]}，工作表“${r.sheetName}”，表头在第 ${r.headerRows.join('、')} 行）`,
    `数据 ${r.total} 行：${r.committed ? '导入' : '可导入'} ${r.accepted} 行（新增 ${r.created}，更新 ${r.updates}），拒绝 ${r.rejected} 行，有提示 ${r.warnings} 行，未处理的更新 ${r.skippedUpdates} 行；跳过空行 ${r.skippedRows.blank}、合计行 ${r.skippedRows.total}`,
    `SHA-256：${r.sha256}`,
    ...r.errors.map((e) => `  第 ${e.row} 行 拒绝 [${e.code}] ${e.message}`),
    ...r.warningItems.map((e) => `  第 ${e.row} 行 提示 [${e.code}] ${e.message}`),
  ];
  if (!r.committed && r.skippedUpdates + r.updates > 0)
    lines.push('已登记人员的更新默认不导入；要一并更新请加 --updates accept');
  return lines.join('\n');
}

/** The JSON the issue asks for first, then the rest of the report (without the per-row detail). */
function reportJson(r: ImportReport): Record<string, unknown> {
  const { rows: _rows, accepted, rejected, warnings, committed, errors, ...rest } = r;
  return { accepted, rejected, warnings, committed, errors, ...rest };
}

export const importCommand: Command = {
  name: 'import',
  summary: '从 Excel/CSV 花名册导入台账（经办人、审核人、负责人）：先校验，全部通过的行在一个事务中写入',
  usage:
    'import --data DIR --user U --program disability-living|disability-care|orphan|unattended-child|elderly --file 文件 [--dry-run] [--mapping 列对应.json] [--updates accept|skip] [--mode register|details] [--confirm-rows 3,8] [--header-row N]',
  options: {
    ...signInOptions,
    program: { type: 'string' },
    file: { type: 'string' },
    'dry-run': { type: 'boolean' },
    mapping: { type: 'string' },
    updates: { type: 'string' },
    mode: { type: 'string' },
    'confirm-rows': { type: 'string' },
    'header-row': { type: 'string' },
  },
  run(env) {
    const v = env.values;
    // The header picked by its spreadsheet row when its words are not recognised (map the columns with --mapping).
    const headerText = str(v['header-row']);
    const headerRow = headerText === undefined ? undefined : Number(headerText);
    if (headerRow !== undefined && !(Number.isInteger(headerRow) && headerRow >= 1))
      return Promise.resolve(usageError('--header-row 应为表头所在的行号（从 1 开始），如 3'));
    const program = programSchema.safeParse(str(v.program));
    const file = str(v.file);
    if (!file) return Promise.resolve(usageError('缺少 --file'));
    if (!program.success) return Promise.resolve(usageError(`--program 只能是 ${programSchema.options.join('、')}`));
    const updates = str(v.updates) ?? 'skip';
    if (updates !== 'accept' && updates !== 'skip')
      return Promise.resolve(usageError('--updates 只能是 accept 或 skip'));
    const modeText = str(v.mode) ?? 'register';
    const mode: 'register' | 'details' = modeText === 'details' ? 'details' : 'register';
    if (modeText !== mode)
      return Promise.resolve(usageError('--mode 只能是 register（登记台账）或 details（只更新人员信息）'));
    // 疑似不同人员 rows, confirmed one by one by their row numbers in the file.
    const confirmText = str(v['confirm-rows']) ?? '';
    const confirmRows = confirmText
      ? confirmText
          .split(/[,，\s]+/)
          .filter(Boolean)
          .map(Number)
      : [];
    if (confirmRows.some((n) => !Number.isInteger(n) || n < 1))
      return Promise.resolve(usageError('--confirm-rows 应为逗号分隔的行号，如 3,8'));
    let mapping = {};
    const mappingPath = str(v.mapping);
    if (mappingPath) {
      try {
        const parsed = columnMappingSchema.safeParse(JSON.parse(readFileSync(mappingPath, 'utf8')));
        if (!parsed.success)
          return Promise.resolve(
            usageError(
              `--mapping：${mappingPath} 应为 {"表头": "字段名" 或 null} 形式的 JSON，字段名如 name、idNumber、village`,
            ),
          );
        mapping = parsed.data;
      } catch {
        return Promise.resolve(usageError(`--mapping：无法读取 ${mappingPath}，或其内容不是 JSON`));
      }
    }
    return withSignedIn(env, async (client) => {
      const content = await readFile(client, file);
      if ('ok' in content) return content;
      const input = { ...content, program: program.data, mapping, mode, ...(headerRow ? { headerRow } : {}) };
      const r = v['dry-run']
        ? await client.call('import.preview', input)
        : await client.call('import.commit', { ...input, updates, confirmRows });
      if (!r.ok) return failed(withSample(r));
      return { ok: true, value: reportJson(r.value), text: reportText(r.value) };
    });
  },
};

export const importRegionsCommand: Command = {
  name: 'import regions',
  summary: '导入行政区划表（管理员）：区划代码与名称，乡镇（街道）和村（社区）',
  usage: 'import regions --data DIR --user U --file 文件',
  options: { ...signInOptions, file: { type: 'string' } },
  run(env) {
    const file = str(env.values.file);
    if (!file) return Promise.resolve(usageError('缺少 --file'));
    return withSignedIn(env, async (client) => {
      const content = await readFile(client, file);
      if ('ok' in content) return content;
      const r = await client.call('region.import', content);
      if (!r.ok) return failed(r);
      const text = [
        `已导入乡镇（街道）${r.value.townships} 个、村（社区）${r.value.villages} 个；拒绝 ${r.value.rejected.length} 行`,
        ...r.value.rejected.map((x) => `  第 ${x.row} 行：${x.message}`),
      ];
      return { ok: true, value: { ...r.value }, text: text.join('\n') };
    });
  },
};

export const importDeathsCommand: Command = {
  name: 'import deaths',
  summary: '导入死亡名单（经办人）：按身份证号匹配，匹配到的人登记死亡，待遇自次月起停发',
  usage: 'import deaths --data DIR --user U --file 文件',
  options: { ...signInOptions, file: { type: 'string' } },
  run(env) {
    const file = str(env.values.file);
    if (!file) return Promise.resolve(usageError('缺少 --file'));
    return withSignedIn(env, async (client) => {
      const content = await readFile(client, file);
      if ('ok' in content) return content;
      const r = await client.call('deaths.import', content);
      if (!r.ok) return failed(r);
      const text = [
        `匹配并登记死亡 ${r.value.matched.length} 人；人员库中找不到 ${r.value.unmatched.length} 人；无法识别 ${r.value.rejected.length} 行`,
        ...r.value.matched.map((m) => `  第 ${m.row} 行 ${m.name}：死亡日期 ${m.deathDate}`),
        ...r.value.unmatched.map((u) => `  第 ${u.row} 行 ${u.name}（${u.idNumber}）：人员库中没有此人`),
        ...r.value.rejected.map((x) => `  第 ${x.row} 行：${x.message}`),
      ];
      return { ok: true, value: { ...r.value }, text: text.join('\n') };
    });
  },
};

/** Two-word commands first: run.ts matches `import regions` before `import`. */
export const importCommands: readonly Command[] = [importRegionsCommand, importDeathsCommand, importCommand];
