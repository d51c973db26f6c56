import {
  enrolmentStatusSchema,
  programSchema,
  registerSchema,
  statusLabels,
  type Enrolment,
  type Output,
  type RegisterRow,
} from '../../../shared/contract';
import { categoryLabel, disabilityGrades, type DisabilityGrade } from '../../../shared/domain/certificate';
import { formatFen } from '../../../shared/domain/money';
import {
  childModes,
  defaultElderTiers,
  parentSituations,
  programLabels,
  programShortLabels,
  registers,
  type ParentSituation,
} from '../../../shared/domain/programs';
import { failed, signInOptions, withSignedIn, type CliClient } from '../session';
import { usageError, type CliOutcome, type Command } from '../types';

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const SEX = { M: '男', F: '女' } as const;
const DIBAO = { none: '无', urban: '城市低保', rural: '农村低保', edge: '低保边缘' } as const;
const TEKUN = { none: '无', centralized: '集中供养', dispersed: '分散供养' } as const;
const isDibao = (v: string): v is keyof typeof DIBAO => Object.hasOwn(DIBAO, v);
const isChildMode = (v: string): v is keyof typeof childModes => Object.hasOwn(childModes, v);
const isSituation = (v: string): v is ParentSituation => Object.hasOwn(parentSituations, v);
const EVENT_KINDS: Record<string, string> = { created: '新增', updated: '修改' };
const isGrade = (g: number): g is DisabilityGrade => Object.hasOwn(disabilityGrades, g);
const gradeLabel = (g: number): string => (isGrade(g) ? disabilityGrades[g] : `${g} 级`);
const tierLabel = (t: string | null): string => defaultElderTiers.find((d) => d.key === t)?.label ?? t ?? '';
const statusLabel = (v: string): string => {
  const s = enrolmentStatusSchema.safeParse(v);
  return s.success ? statusLabels[s.data] : v;
};

/** The person's internal id for an ID number, through the contract (which validates the number). */
export async function personIdFor(client: CliClient, idNumber: string): Promise<number | CliOutcome> {
  const found = await client.call('person.find', { idNumber });
  if (!found.ok) return failed(found);
  if (found.value.id === null) {
    return {
      ok: false,
      error: {
        code: 'PERSON_NOT_FOUND',
        message: `找不到身份证号为 ${idNumber.trim()} 的人员，请先用 person add 登记`,
      },
    };
  }
  return found.value.id;
}

export const personAddCommand: Command = {
  name: 'person add',
  summary: '登记人员（经办人）：性别和出生日期由身份证号得出',
  usage:
    'person add --data DIR --user U --id 身份证号 --name 姓名 [--village 村代码] [--phone 电话] [--account 账号] [--bank 开户行] [--dibao none|urban|rural|edge] [--confirm-address]',
  options: {
    ...signInOptions,
    id: { type: 'string' },
    name: { type: 'string' },
    // The ID's address code is in no county of the national list, and the paper ID was checked.
    'confirm-address': { type: 'boolean' },
    village: { type: 'string' },
    phone: { type: 'string' },
    account: { type: 'string' },
    bank: { type: 'string' },
    dibao: { type: 'string' },
  },
  run(env) {
    const v = env.values;
    const idNumber = str(v.id);
    const name = str(v.name);
    if (!idNumber || !name) return Promise.resolve(usageError('缺少 --id 或 --name'));
    const dibao = str(v.dibao) ?? 'none';
    if (!isDibao(dibao)) return Promise.resolve(usageError('--dibao 只能是 none、urban、rural、edge'));
    return withSignedIn(env, async (client) => {
      const r = await client.call('person.save', {
        idNumber,
        name,
        villageCode: str(v.village) ?? null,
        phone: str(v.phone) ?? null,
        bankAccount: str(v.account) ?? null,
        bankName: str(v.bank) ?? null,
        dibao,
        ...(v['confirm-address'] === true ? { idAddressConfirmed: true } : {}),
      });
      if (!r.ok)
        return r.error.code === 'ID_ADDRESS_UNCONFIRMED'
          ? failed({ ok: false, error: { ...r.error, message: `${r.error.message}；核对无误请加 --confirm-address` } })
          : failed(r);
      const p = r.value;
      const place = [p.townshipName, p.villageName].filter(Boolean).join('');
      return {
        ok: true,
        value: { person: p },
        text: `已登记 ${p.name}（${p.idNumber}），${SEX[p.sex]}，出生日期 ${p.birthDate}${place ? `，${place}` : ''}`,
      };
    });
  },
};

function enrolmentLines(e: Enrolment): string[] {
  const facts = [
    e.certificate
      ? `残疾人证 ${e.certificate.number}（${categoryLabel(e.certificate.category)}${gradeLabel(e.certificate.grade)}${e.certificate.expiresOn ? `，有效期至 ${e.certificate.expiresOn}` : ''}）`
      : '',
    e.childMode ? childModes[e.childMode] : '',
    e.guardianName ? `监护人 ${e.guardianName}${e.guardianRelation ? `（${e.guardianRelation}）` : ''}` : '',
    e.fatherSituation
      ? `父亲：${isSituation(e.fatherSituation) ? parentSituations[e.fatherSituation] : e.fatherSituation}`
      : '',
    e.motherSituation
      ? `母亲：${isSituation(e.motherSituation) ? parentSituations[e.motherSituation] : e.motherSituation}`
      : '',
  ].filter(Boolean);
  return [
    `  ${programLabels[e.program]}：${statusLabels[e.status]}，申请日期 ${e.appliedOn}${facts.length ? `；${facts.join('；')}` : ''}`,
    ...e.events.map(
      (ev) =>
        `    ${ev.at.slice(0, 10)} ${EVENT_KINDS[ev.kind] ?? ev.kind}${ev.toStatus ? ` → ${statusLabel(ev.toStatus)}` : ''}（${ev.username}）${ev.reason ? ` ${ev.reason}` : ''}`,
    ),
  ];
}

function personText(d: Output<'person.get'>): string {
  const p = d.person;
  return [
    `${p.name}  ${p.idNumber}  ${SEX[p.sex]}  出生日期 ${p.birthDate}${p.deathDate ? `  死亡日期 ${p.deathDate}` : ''}`,
    `住址：${[p.townshipName, p.villageName].filter(Boolean).join('')}${p.address ? ` ${p.address}` : ''}`,
    `联系电话：${p.phone ?? '—'}  低保：${DIBAO[p.dibao]}  特困：${TEKUN[p.tekun]}${p.injuryCare ? '  领取工伤保险生活护理费' : ''}`,
    `账户：${p.bankName ?? ''} ${p.bankAccount ?? '—'}${p.accountHolderName ? `（户名 ${p.accountHolderName}）` : ''}`,
    `享受待遇 ${d.enrolments.length} 项：`,
    ...d.enrolments.flatMap(enrolmentLines),
  ].join('\n');
}

export const personShowCommand: Command = {
  name: 'person show',
  summary: '按身份证号查看人员：基本信息、残疾人证、各项待遇及其变动记录',
  usage: 'person show --data DIR --user U --id 身份证号',
  options: { ...signInOptions, id: { type: 'string' } },
  run(env) {
    const idNumber = str(env.values.id);
    if (!idNumber) return Promise.resolve(usageError('缺少 --id'));
    return withSignedIn(env, async (client) => {
      const id = await personIdFor(client, idNumber);
      if (typeof id !== 'number') return id;
      const r = await client.call('person.get', { id });
      if (!r.ok) return failed(r);
      return { ok: true, value: { ...r.value }, text: personText(r.value) };
    });
  },
};

function rowText(r: RegisterRow, i: number): string {
  const what =
    r.category !== null
      ? `${categoryLabel(r.category)}${r.grade === null ? '' : gradeLabel(r.grade)}`
      : r.childMode
        ? childModes[r.childMode]
        : tierLabel(r.tier);
  return [
    i + 1,
    r.name,
    r.idNumber,
    programShortLabels[r.program],
    statusLabels[r.status],
    what,
    `${r.township ?? ''}${r.village ?? ''}`,
    `${formatFen(r.monthlyFen)} 元`,
  ].join('  ');
}

export const personListCommand: Command = {
  name: 'person list',
  summary: '列出台账中的待遇记录（残疾人两项补贴、孤儿保障、高龄津贴），默认三本台账都列',
  usage: 'person list --data DIR --user U [--register disability|children|elderly] [--limit N]',
  options: { ...signInOptions, register: { type: 'string' }, limit: { type: 'string' } },
  run(env) {
    const register = str(env.values.register);
    const parsed = register === undefined ? null : registerSchema.safeParse(register);
    if (parsed && !parsed.success)
      return Promise.resolve(usageError('--register 只能是 disability、children 或 elderly'));
    const limit = env.values.limit === undefined ? 100 : Number(env.values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 20_000)
      return Promise.resolve(usageError('--limit 应为 1–20000 的整数'));
    const which = parsed ? [parsed.data] : registerSchema.options;
    return withSignedIn(env, async (client) => {
      const rows: RegisterRow[] = [];
      let total = 0;
      let idsMasked = false;
      for (const reg of which) {
        const r = await client.call('register.list', { register: reg, limit: limit - rows.length || 1 });
        if (!r.ok) return failed(r);
        total += r.value.total;
        idsMasked ||= r.value.idsMasked;
        if (rows.length < limit) rows.push(...r.value.rows.slice(0, limit - rows.length));
      }
      const title = which.map((reg) => registers[reg].label).join('、');
      return {
        ok: true,
        value: { rows, total, idsMasked },
        text: [`${title}：共 ${total} 条，显示 ${rows.length} 条`, ...rows.map(rowText)].join('\n'),
      };
    });
  },
};

export const enrolCommand: Command = {
  name: 'enrol',
  summary: '为已登记的人员新增待遇记录（经办人），状态为“已申请”',
  usage:
    'enrol --data DIR --user U --program disability-living|disability-care|orphan|unattended-child|elderly --id 身份证号 --applied YYYY-MM-DD [--cert 残疾人证号] [--mode institution|dispersed] [--guardian-name 姓名 --guardian-id 身份证号 --guardian-relation 关系] [--father-situation S --mother-situation S]',
  options: {
    ...signInOptions,
    program: { type: 'string' },
    id: { type: 'string' },
    applied: { type: 'string' },
    cert: { type: 'string' },
    mode: { type: 'string' },
    'guardian-name': { type: 'string' },
    'guardian-id': { type: 'string' },
    'guardian-relation': { type: 'string' },
    'father-situation': { type: 'string' },
    'mother-situation': { type: 'string' },
  },
  run(env) {
    const v = env.values;
    const program = programSchema.safeParse(str(v.program));
    const idNumber = str(v.id);
    const applied = str(v.applied);
    if (!idNumber || !applied) return Promise.resolve(usageError('缺少 --id 或 --applied'));
    if (!program.success) return Promise.resolve(usageError(`--program 只能是 ${programSchema.options.join('、')}`));
    const mode = str(v.mode) ?? null;
    if (mode !== null && !isChildMode(mode))
      return Promise.resolve(usageError('--mode 只能是 institution（集中养育）或 dispersed（社会散居）'));
    const father = str(v['father-situation']) ?? null;
    const mother = str(v['mother-situation']) ?? null;
    if ((father !== null && !isSituation(father)) || (mother !== null && !isSituation(mother))) {
      return Promise.resolve(
        usageError(`--father-situation、--mother-situation 只能是 ${Object.keys(parentSituations).join('、')}`),
      );
    }
    return withSignedIn(env, async (client) => {
      const personId = await personIdFor(client, idNumber);
      if (typeof personId !== 'number') return personId;
      const cert = str(v.cert);
      const r = await client.call('enrolment.save', {
        personId,
        program: program.data,
        appliedOn: applied,
        certificate: cert ? { number: cert } : null,
        childMode: mode,
        guardianName: str(v['guardian-name']) ?? null,
        guardianIdNumber: str(v['guardian-id']) ?? null,
        guardianRelation: str(v['guardian-relation']) ?? null,
        fatherSituation: father,
        motherSituation: mother,
      });
      if (!r.ok) return failed(r);
      const e = r.value;
      return {
        ok: true,
        value: { enrolment: e },
        text: `已为 ${idNumber.trim()} 登记“${programLabels[e.program]}”（记录 ${e.id}），状态：${statusLabels[e.status]}`,
      };
    });
  },
};
