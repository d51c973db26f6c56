import { programSchema } from '../../../shared/contract';
import { parseMonth } from '../../../shared/domain/dates';
import { standardCategoryLabel } from '../../../shared/domain/entitlement/categories';
import {
  isPolicyKey,
  policyKeyLabels,
  policyKeys,
  policyValueText,
} from '../../../shared/domain/entitlement/policy-settings';
import { formatFen, parseYuan } from '../../../shared/domain/money';
import { programLabels } from '../../../shared/domain/programs';
import { failed, signInOptions, withSignedIn } from '../session';
import { usageError, type Command } from '../types';

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const monthOption = (v: string | boolean | undefined): string | null => {
  const m = str(v);
  return m && parseMonth(m) ? m : null;
};

export const standardSetCommand: Command = {
  name: 'standard set',
  summary: '设置补贴标准（负责人、管理员）：某项目某类别自某月起每月金额；早于本月即为追溯调整',
  usage: 'standard set --data DIR --user U --program P --category C --from YYYY-MM --amount 元',
  options: {
    ...signInOptions,
    program: { type: 'string' },
    category: { type: 'string' },
    from: { type: 'string' },
    amount: { type: 'string' },
  },
  run(env) {
    const v = env.values;
    const program = programSchema.safeParse(str(v.program));
    if (!program.success) return Promise.resolve(usageError(`--program 只能是 ${programSchema.options.join('、')}`));
    const category = str(v.category);
    if (!category) return Promise.resolve(usageError('缺少 --category 类别（如 all、grade-1、institution、80-89）'));
    const fromMonth = monthOption(v.from);
    if (!fromMonth) return Promise.resolve(usageError('--from 应为月份 YYYY-MM'));
    const amountFen = parseYuan(str(v.amount) ?? '');
    if (amountFen === null)
      return Promise.resolve(usageError('--amount 应为金额（元，最多两位小数），如 100 或 87.50'));
    return withSignedIn(env, async (client) => {
      const r = await client.call('standard.set', { program: program.data, category, fromMonth, amountFen });
      if (!r.ok) return failed(r);
      const s = r.value;
      const what = `${programLabels[s.program]}（${standardCategoryLabel(s.program, s.category)}）自 ${s.fromMonth} 起 ${formatFen(s.amountFen)} 元/月`;
      const notes = [
        s.replaced !== null ? `原为 ${formatFen(s.replaced)} 元/月` : '',
        s.retroactive ? '早于本月生效：已发放月份的差额应补发' : '',
      ].filter(Boolean);
      return {
        ok: true,
        value: { standard: s },
        text: `已设置：${what}${notes.length ? `（${notes.join('；')}）` : ''}`,
      };
    });
  },
};

/** VALUE as JSON when it is JSON (true, 70, [{"key":…}]), else the plain string (birthday-month). */
export function parsePolicyValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export const policySetCommand: Command = {
  name: 'policy set',
  summary: '修改政策设置（负责人、管理员）：某项设置自某月起生效，之前的月份不变',
  usage: `policy set KEY VALUE --data DIR --user U --from YYYY-MM   （KEY：${policyKeys.join('、')}）`,
  options: { ...signInOptions, from: { type: 'string' } },
  run(env) {
    const [key, value, ...extra] = env.positionals;
    if (!key || value === undefined || extra.length > 0)
      return Promise.resolve(usageError('应为：policy set KEY VALUE --from YYYY-MM'));
    if (!isPolicyKey(key)) return Promise.resolve(usageError(`政策项目只能是 ${policyKeys.join('、')}`));
    const fromMonth = monthOption(env.values.from);
    if (!fromMonth) return Promise.resolve(usageError('--from 应为月份 YYYY-MM'));
    return withSignedIn(env, async (client) => {
      const r = await client.call('policy.set', { key, value: parsePolicyValue(value), fromMonth });
      if (!r.ok) return failed(r);
      return {
        ok: true,
        value: { setting: r.value },
        text: `已设置：${policyKeyLabels[key]} 自 ${r.value.fromMonth} 起为 ${policyValueText(key, r.value.value)}`,
      };
    });
  },
};

export const entitlementCommand: Command = {
  name: 'entitlement',
  summary: '计算某人某项目某月的应发金额及原因（按已录入的标准和当月政策）',
  usage: 'entitlement --data DIR --user U --id 身份证号 --program P --month YYYY-MM',
  options: { ...signInOptions, id: { type: 'string' }, program: { type: 'string' }, month: { type: 'string' } },
  run(env) {
    const v = env.values;
    const idNumber = str(v.id);
    if (!idNumber) return Promise.resolve(usageError('缺少 --id 身份证号'));
    const program = programSchema.safeParse(str(v.program));
    if (!program.success) return Promise.resolve(usageError(`--program 只能是 ${programSchema.options.join('、')}`));
    const month = monthOption(v.month);
    if (!month) return Promise.resolve(usageError('--month 应为月份 YYYY-MM'));
    return withSignedIn(env, async (client) => {
      const found = await client.call('person.find', { idNumber });
      if (!found.ok) return failed(found);
      if (found.value.id === null)
        return {
          ok: false,
          error: { code: 'PERSON_NOT_FOUND', message: `找不到身份证号为 ${idNumber.trim()} 的人员` },
        };
      const person = await client.call('person.get', { id: found.value.id });
      if (!person.ok) return failed(person);
      const inProgram = person.value.enrolments.filter((e) => e.program === program.data);
      // The open record if there is one (at most one per program), else the latest, so a stopped record still explains itself.
      const enrolment = inProgram.find((e) => e.status !== 'stopped' && e.status !== 'rejected') ?? inProgram.at(-1);
      if (!enrolment) {
        return {
          ok: false,
          error: {
            code: 'ENROLMENT_NOT_FOUND',
            message: `${person.value.person.name} 没有“${programLabels[program.data]}”的待遇记录`,
          },
        };
      }
      const r = await client.call('entitlement.get', { enrolmentId: enrolment.id, month });
      if (!r.ok) return failed(r);
      const e = r.value;
      return {
        ok: true,
        value: { ...e, program: program.data, name: person.value.person.name },
        text: `${person.value.person.name} ${programLabels[program.data]} ${month}：${formatFen(e.amountFen)} 元（${e.reason}）`,
      };
    });
  },
};
