import type { Person, PersonInput } from '../../../shared/contract';
import { failed, signInOptions, withSignedIn } from '../session';
import { usageError, type Command } from '../types';
import { personIdFor } from './persons';

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** Everything the person has now, as person.save takes it: a CLI edit changes only what was named. */
function asInput(p: Person): PersonInput {
  return {
    id: p.id,
    idNumber: p.idNumber,
    name: p.name,
    ethnicity: p.ethnicity,
    phone: p.phone,
    hukouType: p.hukouType,
    villageCode: p.villageCode,
    address: p.address,
    dibao: p.dibao,
    tekun: p.tekun,
    injuryCare: p.injuryCare,
    bankName: p.bankName,
    bankAccount: p.bankAccount,
    accountHolderName: p.accountHolderName,
    accountHolderId: p.accountHolderId,
    deathDate: p.deathDate,
    movedOutDate: p.movedOutDate,
  };
}

export const personEditCommand: Command = {
  name: 'person edit',
  summary: '修改人员信息：银行账号、开户行、村（社区）、电话、账户户名与身份证号（其余不变）',
  usage:
    'person edit --data DIR --user U --id 身份证号 [--account 账号] [--bank 开户行] [--village 村代码] [--phone 电话] [--holder-name 户名 --holder-id 户主身份证号]',
  options: {
    ...signInOptions,
    id: { type: 'string' },
    account: { type: 'string' },
    bank: { type: 'string' },
    village: { type: 'string' },
    phone: { type: 'string' },
    'holder-name': { type: 'string' },
    'holder-id': { type: 'string' },
  },
  run(env) {
    const v = env.values;
    const idNumber = str(v.id);
    if (!idNumber) return Promise.resolve(usageError('缺少 --id 身份证号'));
    const changes: Partial<PersonInput> = {
      ...(str(v.account) !== undefined ? { bankAccount: str(v.account) } : {}),
      ...(str(v.bank) !== undefined ? { bankName: str(v.bank) } : {}),
      ...(str(v.village) !== undefined ? { villageCode: str(v.village) } : {}),
      ...(str(v.phone) !== undefined ? { phone: str(v.phone) } : {}),
      ...(str(v['holder-name']) !== undefined ? { accountHolderName: str(v['holder-name']) } : {}),
      ...(str(v['holder-id']) !== undefined ? { accountHolderId: str(v['holder-id']) } : {}),
    };
    if (Object.keys(changes).length === 0)
      return Promise.resolve(
        usageError('请至少给出一项要修改的内容（--account、--bank、--village、--phone、--holder-name、--holder-id）'),
      );
    if ((str(v['holder-name']) === undefined) !== (str(v['holder-id']) === undefined))
      return Promise.resolve(usageError('--holder-name 和 --holder-id 须同时给出'));
    return withSignedIn(env, async (client) => {
      const id = await personIdFor(client, idNumber);
      if (typeof id !== 'number') return id;
      const current = await client.call('person.get', { id });
      if (!current.ok) return failed(current);
      if (current.value.person.idMasked)
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: '您的角色只能看到遮挡后的身份证号，不能修改人员信息' },
        };
      const saved = await client.call('person.save', { ...asInput(current.value.person), ...changes });
      if (!saved.ok) return failed(saved);
      const named = Object.keys(changes).length;
      return {
        ok: true,
        value: { person: saved.value },
        text: `已修改 ${saved.value.name} 的 ${String(named)} 项信息`,
      };
    });
  },
};
