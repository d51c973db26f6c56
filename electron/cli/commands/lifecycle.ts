import { programSchema, statusLabels } from '../../../shared/contract';
import { transitions, type TransitionName } from '../../../shared/domain/lifecycle';
import { programLabels } from '../../../shared/domain/programs';
import { describeDeath } from '../../services/enrolments/death';
import { failed, signInOptions, withSignedIn } from '../session';
import { usageError, type Command } from '../types';
import { bulkStep } from './lifecycle-bulk';
import { personIdFor } from './persons';

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** `review`, `approve`, `stop`, `resume` (and the other steps) on a person's enrolment in one program. */
function stepCommand(name: TransitionName): Command {
  const command = name === 'annualReview' ? 'annual-review' : name;
  return {
    name: command,
    summary: `待遇流程：${transitions[name].label}`,
    usage: `${command} --data DIR --user U (--id 身份证号 | --ids 文件) --program P --date YYYY-MM-DD [--reason 原因] [--effective YYYY-MM]`,
    options: {
      ...signInOptions,
      id: { type: 'string' },
      // A file of 身份证号, one a line: the same step on all of them in one action.
      ids: { type: 'string' },
      program: { type: 'string' },
      date: { type: 'string' },
      reason: { type: 'string' },
      effective: { type: 'string' },
    },
    run(env) {
      if (env.values.ids !== undefined) return bulkStep(env, name);
      const id = str(env.values.id);
      const date = str(env.values.date);
      const program = programSchema.safeParse(env.values.program);
      if (!id || !date || !program.success) return Promise.resolve(usageError('缺少 --id、--date 或有效的 --program'));
      return withSignedIn(env, async (client) => {
        const personId = await personIdFor(client, id);
        if (typeof personId !== 'number') return personId;
        const detail = await client.call('person.get', { id: personId });
        if (!detail.ok) return failed(detail);
        // The open enrolment in that program, or else the latest one (a resume acts on a stopped one).
        const candidates = detail.value.enrolments.filter((e) => e.program === program.data);
        const enrolment =
          candidates.find((e) => e.status !== 'stopped' && e.status !== 'rejected') ?? candidates.at(-1);
        if (!enrolment)
          return {
            ok: false,
            error: { code: 'ENROLMENT_NOT_FOUND', message: `该人员没有${programLabels[program.data]}记录` },
          };
        const reason = str(env.values.reason);
        const effectiveMonth = str(env.values.effective);
        const r = await client.call('enrolment.transition', {
          id: enrolment.id,
          action: name,
          date,
          ...(reason ? { reason } : {}),
          ...(effectiveMonth ? { effectiveMonth } : {}),
        });
        if (!r.ok) return failed(r);
        return {
          ok: true,
          value: { enrolment: r.value },
          text: `${programLabels[r.value.program]}：${transitions[name].label}，当前状态 ${statusLabels[r.value.status]}`,
        };
      });
    },
  };
}

export const lifecycleCommands: Command[] = (
  ['review', 'approve', 'reject', 'publicize', 'activate', 'suspend', 'stop', 'resume', 'annualReview'] as const
).map(stepCommand);

export const deathCommand: Command = {
  name: 'event death',
  summary: '登记死亡：记录死亡日期，在册待遇自次月起停发',
  usage: 'event death --data DIR --user U --id 身份证号 --date YYYY-MM-DD [--source 殡葬|公安|家属]',
  options: { ...signInOptions, id: { type: 'string' }, date: { type: 'string' }, source: { type: 'string' } },
  run(env) {
    const id = str(env.values.id);
    const date = str(env.values.date);
    if (!id || !date) return Promise.resolve(usageError('缺少 --id 或 --date'));
    const source = str(env.values.source);
    return withSignedIn(env, async (client) => {
      const r = await client.call('person.recordDeath', { idNumber: id, date, ...(source ? { source } : {}) });
      if (!r.ok) return failed(r);
      return {
        ok: true,
        value: { ...r.value },
        text: describeDeath({
          ...r.value,
          closed: r.value.closed.map((c) => ({ ...c, program: programSchema.parse(c.program) })),
        }),
      };
    });
  },
};
