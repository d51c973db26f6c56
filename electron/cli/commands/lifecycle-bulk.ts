import { readFileSync } from 'node:fs';
import { programSchema } from '../../../shared/contract';
import { transitions, type TransitionName } from '../../../shared/domain/lifecycle';
import { programLabels } from '../../../shared/domain/programs';
import { failed, withSignedIn } from '../session';
import { usageError, type CliEnv, type CliOutcome } from '../types';

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** One 身份证号 a line (the first cell of a CSV line is enough); blank lines and `#` comments are skipped. */
export function idNumbersOfFile(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => (l.split(/[,\t]/)[0] ?? '').trim())
    .filter((l) => l !== '' && !l.startsWith('#') && l !== '身份证号');
}

/** `approve --ids FILE --program P --date D`: the same step on everyone the file names, in one action. */
export function bulkStep(env: CliEnv, name: TransitionName): Promise<CliOutcome> {
  const file = str(env.values.ids);
  const date = str(env.values.date);
  const program = programSchema.safeParse(env.values.program);
  if (!file || !date || !program.success) return Promise.resolve(usageError('缺少 --ids、--date 或有效的 --program'));
  let idNumbers: string[];
  try {
    idNumbers = idNumbersOfFile(readFileSync(file, 'utf8'));
  } catch {
    return Promise.resolve({ ok: false, error: { code: 'INVALID_INPUT', message: `文件：找不到或无法读取 ${file}` } });
  }
  if (idNumbers.length === 0)
    return Promise.resolve({ ok: false, error: { code: 'INVALID_INPUT', message: `文件：${file} 中没有身份证号` } });
  const reason = str(env.values.reason);
  const effectiveMonth = str(env.values.effective);
  return withSignedIn(env, async (client) => {
    const r = await client.call('enrolment.bulkTransition', {
      idNumbers,
      program: program.data,
      action: name,
      date,
      ...(reason ? { reason } : {}),
      ...(effectiveMonth ? { effectiveMonth } : {}),
    });
    if (!r.ok) return failed(r);
    const refused = r.value.results.filter((x) => !x.ok);
    const lines = [
      `${programLabels[program.data]}：批量${transitions[name].label}，共 ${r.value.results.length} 行，已办理 ${r.value.applied} 行，未办理 ${r.value.refused} 行`,
      ...refused.map((x) => `  第 ${x.row} 行 ${x.idNumber ?? ''}${x.name ? `（${x.name}）` : ''}：${x.message ?? ''}`),
    ];
    return { ok: true, value: { ...r.value }, text: lines.join('\n') };
  });
}
