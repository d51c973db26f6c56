import { readFileSync } from 'node:fs';
import { bankTemplateSchema, describeIssues } from '../../../shared/contract';
import { failed, signInOptions, withSignedIn } from '../session';
import { usageError, type Command } from '../types';

/** Bank file templates: list them, or add / edit one from a JSON file (the editor's fields; with `id` it edits). */
export const bankTemplateCommand: Command = {
  name: 'bank template',
  summary: '银行文件模板：list 列出；save 从 JSON 文件新增或修改（含 id 时修改）',
  usage: 'bank template list|save --data DIR --user U [--file 模板.json] [--json]',
  options: { ...signInOptions, file: { type: 'string' } },
  run(env) {
    const action = env.positionals[0];
    if (action !== 'list' && action !== 'save') return Promise.resolve(usageError('用法：bank template list|save'));
    const file = typeof env.values.file === 'string' ? env.values.file : undefined;
    if (action === 'save' && !file) return Promise.resolve(usageError('save 须提供 --file 模板.json'));
    let template: unknown;
    if (file) {
      try {
        template = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      } catch (e) {
        return Promise.resolve(usageError(`--file：无法读取 JSON（${e instanceof Error ? e.message : String(e)}）`));
      }
      const parsed = bankTemplateSchema.safeParse(template);
      if (!parsed.success)
        return Promise.resolve({
          ok: false,
          error: { code: 'INVALID_INPUT', message: `模板文件：${describeIssues(parsed.error.issues)}` },
        });
      template = parsed.data;
    }
    return withSignedIn(env, async (client) => {
      if (action === 'list') {
        const r = await client.call('bank.templates', {});
        if (!r.ok) return failed(r);
        return {
          ok: true,
          value: { templates: r.value },
          text: r.value
            .map(
              (t) =>
                `${String(t.id)}\t${t.name}\t${t.format}\t${t.encoding}\t${t.columns.map((c) => c.header).join(' | ')}`,
            )
            .join('\n'),
        };
      }
      const r = await client.call('bank.saveTemplate', bankTemplateSchema.parse(template));
      if (!r.ok) return failed(r);
      return { ok: true, value: { template: r.value }, text: `已保存模板 ${String(r.value.id)}「${r.value.name}」` };
    });
  },
};

export const bankCommands: Command[] = [bankTemplateCommand];
