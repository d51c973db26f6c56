import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  isPolicyKey,
  paymentFrequencyLabels,
  policyKeyLabels,
  policyKeys,
  policyValueText,
  startTimingLabels,
  tierFromLabels,
  tiersFromAges,
  type CountyPolicy,
  type PolicyKey,
} from '../../../../shared/domain/entitlement/policy-settings';
import { programs } from '../../../../shared/domain/programs';
import { call, errorText } from '../../api/client';

interface PolicyForm {
  key: PolicyKey;
  value: unknown;
  fromMonth: Dayjs;
}

const keyOptions = policyKeys.map((k) => ({ value: k, label: policyKeyLabels[k] }));
const yesNo = [
  { value: true, label: '是' },
  { value: false, label: '否' },
];
const optionsOf = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The input for one key's value: a choice for fixed answers, a number, or the tiers' starting ages. */
function ValueInput({ policyKey }: { policyKey: PolicyKey }) {
  if (policyKey.startsWith('start.')) return <Select options={optionsOf(startTimingLabels)} />;
  switch (policyKey) {
    case 'tierFrom':
      return <Select options={optionsOf(tierFromLabels)} />;
    case 'paymentFrequency':
      return <Select options={optionsOf(paymentFrequencyLabels)} />;
    case 'schoolProofMaxAge':
      return <InputNumber min={18} max={30} precision={0} addonAfter="周岁" />;
    case 'annualReviewMonth':
      return <InputNumber min={1} max={12} precision={0} addonAfter="月" />;
    case 'elderTiers':
      return <Input placeholder="各年龄段起始年龄，用逗号分隔，如 80,90,100" />;
    default:
      return <Select options={yesNo} />;
  }
}

/** Tiers are typed as starting ages; the keys (80-89, …) follow from them. */
function toValue(key: PolicyKey, raw: unknown): unknown {
  if (key !== 'elderTiers') return raw;
  const ages = String(raw ?? '')
    .split(/[,，、\s]+/)
    .filter(Boolean)
    .map(Number);
  return tiersFromAges(ages);
}

function currentValue(policy: CountyPolicy, key: PolicyKey): unknown {
  if (key.startsWith('start.')) return policy.start[programs.find((p) => `start.${p}` === key) ?? 'elderly'];
  const value: Record<string, unknown> = { ...policy };
  return value[key];
}

/** The policy in force in a chosen month, and a form to change one setting from a month on. */
export function PolicyPanel() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const monthText = month.format('YYYY-MM');
  const policy = useQuery({
    queryKey: ['policy.get', monthText],
    queryFn: () => call('policy.get', { month: monthText }),
  });
  const [form] = Form.useForm<PolicyForm>();
  const key = Form.useWatch('key', form);
  const save = useMutation({
    mutationFn: (v: PolicyForm) =>
      call('policy.set', { key: v.key, value: toValue(v.key, v.value), fromMonth: v.fromMonth.format('YYYY-MM') }),
    onSuccess: (row) => {
      void message.success(
        `已设置：${isPolicyKey(row.key) ? policyKeyLabels[row.key] : row.key} 自 ${row.fromMonth} 起生效`,
      );
      form.resetFields(['value']);
      void queryClient.invalidateQueries({ queryKey: ['policy.get'] });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const p = policy.data?.policy;
  return (
    <Card
      size="small"
      title="政策设置"
      loading={policy.isPending}
      extra={
        <Space>
          执行月份
          <DatePicker picker="month" value={month} allowClear={false} onChange={(d) => d && setMonth(d)} />
        </Space>
      }
    >
      {p ? (
        <Descriptions size="small" column={2} bordered>
          {policyKeys.map((k) => (
            <Descriptions.Item key={k} label={policyKeyLabels[k]}>
              {policyValueText(k, currentValue(p, k))}
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : null}
      <Form
        form={form}
        layout="inline"
        style={{ marginTop: 16, rowGap: 8 }}
        onFinish={(v) => save.mutate(v)}
        initialValues={{ fromMonth: dayjs() }}
      >
        <Form.Item label="设置项" name="key" rules={[{ required: true, message: '请选择设置项' }]}>
          <Select options={keyOptions} style={{ width: 260 }} onChange={() => form.resetFields(['value'])} />
        </Form.Item>
        <Form.Item label="设置为" name="value" rules={[{ required: true, message: '请填写设置值' }]}>
          {key ? <ValueInput policyKey={key} /> : <Input disabled placeholder="先选择设置项" />}
        </Form.Item>
        <Form.Item label="自" name="fromMonth" rules={[{ required: true, message: '请选择生效月份' }]}>
          <DatePicker picker="month" allowClear={false} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存设置
        </Button>
      </Form>
    </Card>
  );
}
