import { useMutation } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Modal, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Enrolment, Role } from '../../../../shared/contract';
import {
  availableSteps,
  stepsNeedingReason,
  transitions,
  type TransitionName,
} from '../../../../shared/domain/lifecycle';
import { call, errorText } from '../../api/client';

interface StepForm {
  date: Dayjs;
  reason?: string;
  effectiveMonth?: Dayjs | null;
}

/**
 * The lifecycle steps this user may take on this enrolment now (初审, 审批, 公示 …).
 * Main decides; a refusal (such as approving one's own entry) is shown in the dialog.
 */
export function LifecycleActions({
  enrolment,
  roles,
  onDone,
}: {
  enrolment: Enrolment;
  roles: readonly Role[];
  onDone: () => void;
}) {
  const [step, setStep] = useState<TransitionName | null>(null);
  const [form] = Form.useForm<StepForm>();
  const run = useMutation({
    mutationFn: async () => {
      const v = await form.validateFields();
      if (!step) throw new Error('no step');
      return call('enrolment.transition', {
        id: enrolment.id,
        action: step,
        date: v.date.format('YYYY-MM-DD'),
        ...(v.reason ? { reason: v.reason } : {}),
        ...(v.effectiveMonth ? { effectiveMonth: v.effectiveMonth.format('YYYY-MM') } : {}),
      });
    },
    onSuccess: () => {
      setStep(null);
      onDone();
    },
  });
  const steps = availableSteps(enrolment.status, roles);
  if (steps.length === 0) return null;
  const open = (s: TransitionName) => {
    run.reset();
    form.setFieldsValue({ date: dayjs(), reason: undefined, effectiveMonth: null });
    setStep(s);
  };
  const withMonth = step === 'change' || step === 'suspend' || step === 'stop' || step === 'resume';
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {steps.map((s) => (
          <Button key={s} onClick={() => open(s)} danger={s === 'stop' || s === 'reject'}>
            {transitions[s].label}
          </Button>
        ))}
      </Space>
      <Modal
        open={step !== null}
        title={step ? `办理：${transitions[step].label}` : ''}
        okText="确定"
        cancelText="取消"
        confirmLoading={run.isPending}
        onOk={() => run.mutate()}
        onCancel={() => setStep(null)}
        destroyOnHidden
      >
        {run.isError ? <Alert type="error" showIcon title={errorText(run.error)} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical">
          <Form.Item
            label={step === 'publicize' ? '公示开始日期' : '办理日期'}
            name="date"
            rules={[{ required: true, message: '请选择日期' }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          {withMonth ? (
            <Form.Item
              label="生效月份"
              name="effectiveMonth"
              extra="不填时：暂停、终止自次月起生效，变更、恢复自当月起生效"
            >
              <DatePicker picker="month" style={{ width: '100%' }} />
            </Form.Item>
          ) : null}
          {step ? (
            <Form.Item
              label="原因"
              name="reason"
              rules={stepsNeedingReason.has(step) ? [{ required: true, message: '请填写原因' }] : []}
            >
              <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 3 }} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
