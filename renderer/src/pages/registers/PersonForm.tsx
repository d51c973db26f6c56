import { useQuery } from '@tanstack/react-query';
import { Cascader, Checkbox, Col, DatePicker, Form, Input, Row, Select, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Person, PersonInput, Region } from '../../../../shared/contract';
import { idFacts } from '../../../../shared/domain/eligibility';
import { call } from '../../api/client';
import { usePolicy } from './eligibility';
import { dibaoOptions, hukouOptions, sexLabel, tekunOptions } from './labels';
import { accountRules, accountWarning, idRules, nameRules, phoneRules } from './validators';

export interface PersonFormValues {
  idNumber: string;
  name: string;
  ethnicity?: string;
  phone?: string;
  hukouType?: 'urban' | 'rural';
  region?: string[];
  address?: string;
  dibao: 'none' | 'urban' | 'rural' | 'edge';
  tekun: 'none' | 'centralized' | 'dispersed';
  injuryCare: boolean;
  bankName?: string;
  bankAccount?: string;
  accountHolderName?: string;
  accountHolderId?: string;
  deathDate?: Dayjs | null;
  movedOutDate?: Dayjs | null;
}

export const personFields = [
  'idNumber',
  'name',
  'ethnicity',
  'phone',
  'hukouType',
  'region',
  'address',
  'bankName',
  'bankAccount',
  'accountHolderName',
  'accountHolderId',
  'deathDate',
  'movedOutDate',
];

export function toFormValues(p: Person): PersonFormValues {
  return {
    idNumber: p.idNumber,
    name: p.name,
    ethnicity: p.ethnicity ?? undefined,
    phone: p.phone ?? undefined,
    hukouType: p.hukouType ?? undefined,
    region: p.villageCode ? [`${p.villageCode.slice(0, 9)}000`, p.villageCode] : undefined,
    address: p.address ?? undefined,
    dibao: p.dibao,
    tekun: p.tekun,
    injuryCare: p.injuryCare,
    bankName: p.bankName ?? undefined,
    bankAccount: p.bankAccount ?? undefined,
    accountHolderName: p.accountHolderName ?? undefined,
    accountHolderId: p.accountHolderId ?? undefined,
    deathDate: p.deathDate ? dayjs(p.deathDate) : null,
    movedOutDate: p.movedOutDate ? dayjs(p.movedOutDate) : null,
  };
}

export function toInput(v: PersonFormValues, id?: number, idAddressConfirmed?: boolean): PersonInput {
  const text = (s?: string) => (s && s.trim() ? s.trim() : null);
  return {
    ...(id === undefined ? {} : { id }),
    idNumber: v.idNumber,
    name: v.name,
    ethnicity: text(v.ethnicity),
    phone: text(v.phone),
    hukouType: v.hukouType ?? null,
    villageCode: v.region?.[1] ?? null,
    address: text(v.address),
    dibao: v.dibao,
    tekun: v.tekun,
    injuryCare: v.injuryCare,
    bankName: text(v.bankName),
    bankAccount: text(v.bankAccount),
    accountHolderName: text(v.accountHolderName),
    accountHolderId: text(v.accountHolderId),
    deathDate: v.deathDate ? v.deathDate.format('YYYY-MM-DD') : null,
    movedOutDate: v.movedOutDate ? v.movedOutDate.format('YYYY-MM-DD') : null,
    ...(idAddressConfirmed ? { idAddressConfirmed } : {}),
  };
}

function regionTree(regions: readonly Region[]) {
  return regions
    .filter((r) => r.level === 'township')
    .map((t) => ({
      value: t.code,
      label: t.name,
      children: regions.filter((v) => v.parentCode === t.code).map((v) => ({ value: v.code, label: v.name })),
    }));
}

/** What the typed ID number says (derive, don't ask), and where it was issued. */
function IdDerived({ idNumber }: { idNumber: string | undefined }) {
  const today = dayjs().format('YYYY-MM-DD');
  const policy = usePolicy(undefined).data?.policy;
  const facts = idNumber && policy ? idFacts(idNumber, today, policy) : null;
  const place = useQuery({
    queryKey: ['person.idAddress', facts?.id ?? null],
    queryFn: () => call('person.idAddress', { idNumber: facts?.id ?? '' }),
    enabled: Boolean(facts),
    staleTime: Infinity,
  });
  if (!facts) return null;
  const a = place.data;
  return (
    <span data-testid="id-derived">
      出生日期 {facts.birthDate} · {sexLabel(facts.sex)} · {facts.age} 岁{facts.tier ? ` · 高龄 ${facts.tier} 岁` : ''}
      {a && a.status === 'other' ? ` · 发证地：${a.place ?? ''}（外县）` : ''}
      {a?.status === 'unknown' ? (
        <Typography.Text type="warning">
          <br />
          {a.warning}
        </Typography.Text>
      ) : null}
    </span>
  );
}

export function PersonForm({
  form,
  regions,
  readOnly,
  idLocked,
}: {
  form: FormInstance<PersonFormValues>;
  regions: readonly Region[];
  readOnly: boolean;
  idLocked: boolean;
}) {
  const account = Form.useWatch('bankAccount', form);
  const idNumber = Form.useWatch('idNumber', form);
  const warning = accountWarning(account);
  return (
    <Form
      form={form}
      layout="vertical"
      disabled={readOnly}
      initialValues={{ dibao: 'none', tekun: 'none', injuryCare: false }}
      size="middle"
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            label="身份证号"
            name="idNumber"
            required
            rules={idRules()}
            validateDebounce={300}
            extra={<IdDerived idNumber={idNumber} />}
          >
            <Input maxLength={22} disabled={readOnly || idLocked} placeholder="18 位，末位可为 X；旧 15 位自动升位" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="姓名" name="name" required rules={nameRules}>
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="民族" name="ethnicity">
            <Input maxLength={20} placeholder="汉族" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="联系电话" name="phone" rules={phoneRules}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="户籍类型" name="hukouType">
            <Select options={hukouOptions} allowClear />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="乡镇（街道）/ 村（社区）" name="region">
            <Cascader options={regionTree(regions)} placeholder="请选择" showSearch />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="住址" name="address">
            <Input maxLength={120} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="低保情况" name="dibao">
            <Select options={dibaoOptions} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="特困供养" name="tekun">
            <Select options={tekunOptions} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label=" " name="injuryCare" valuePropName="checked">
            <Checkbox>领取工伤护理费</Checkbox>
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="开户行" name="bankName">
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item
            label="银行账号"
            name="bankAccount"
            rules={accountRules}
            help={warning ?? undefined}
            validateStatus={warning ? 'warning' : undefined}
          >
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="账户户名" name="accountHolderName">
            <Input maxLength={30} placeholder="与本人不同时填写" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item label="户主身份证号" name="accountHolderId" rules={idRules(false)}>
            <Input maxLength={22} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="死亡日期" name="deathDate">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="户籍迁出日期" name="movedOutDate">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
