import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Dropdown, Form, Input, Modal, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Output, Role } from '../../../../shared/contract';
import { stepRoles, stepsNeedingReason, transitions, type TransitionName } from '../../../../shared/domain/lifecycle';
import { errorText } from '../../api/client';
import { useJob } from '../../jobs/JobsProvider';
import { wasCancelled } from '../payouts/queries';

/** The steps offered for a selection: the ones an application goes through (初审, 审批, 公示, 纳入在册). */
const bulkSteps: TransitionName[] = ['review', 'approve', 'publicize', 'activate', 'reject'];
type Result = Output<'enrolment.bulkTransition'>;

/**
 * 批量办理: one lifecycle step on every selected row, as one action. Each row is
 * checked by the service as a single step would be (the two-person rule too);
 * the result lists what was not done and why.
 */
export function BulkSteps(props: { roles: readonly Role[]; selected: () => number[]; onDone: () => void }) {
  const { message } = App.useApp();
  const runJob = useJob();
  const [step, setStep] = useState<{ action: TransitionName; ids: number[] } | null>(null);
  const [result, setResult] = useState<{ action: TransitionName; value: Result } | null>(null);
  const [form] = Form.useForm<{ date: Dayjs; reason?: string }>();
  const allowed = bulkSteps.filter((a) => stepRoles[a].some((r) => props.roles.includes(r)));
  const run = useMutation({
    mutationFn: async () => {
      if (!step) throw new Error('请先选择要办理的记录');
      const v = await form.validateFields();
      return runJob('enrolment.bulkTransition', {
        ids: step.ids,
        action: step.action,
        date: v.date.format('YYYY-MM-DD'),
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      });
    },
    onSuccess: (value) => {
      if (step) setResult({ action: step.action, value });
      setStep(null);
      props.onDone();
    },
    onError: (e) => {
      if (wasCancelled(e)) setStep(null);
      else if (!('errorFields' in Object(e))) void message.error(errorText(e));
    },
  });
  if (allowed.length === 0) return null;
  return (
    <>
      <Dropdown
        menu={{
          items: allowed.map((a) => ({ key: a, label: transitions[a].label })),
          onClick: (e) => {
            const ids = props.selected();
            if (ids.length === 0)
              return void message.info('请先勾选要办理的记录（可按住 Shift 连选，或勾选表头全选当前筛选）');
            form.setFieldsValue({ date: dayjs(), reason: undefined });
            setStep({ action: e.key as TransitionName, ids });
          },
        }}
      >
        <Button>批量办理</Button>
      </Dropdown>
      {step ? (
        <Modal
          open
          title={`批量${transitions[step.action].label}：${step.ids.length} 条`}
          okText="开始办理"
          confirmLoading={run.isPending}
          onOk={() => run.mutate()}
          onCancel={() => setStep(null)}
        >
          <Form form={form} layout="vertical">
            <Form.Item label="办理日期" name="date" rules={[{ required: true, message: '请选择办理日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            {stepsNeedingReason.has(step.action) ? (
              <Form.Item
                label="原因"
                name="reason"
                rules={[{ required: true, whitespace: true, message: '请填写原因' }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            ) : null}
          </Form>
          <Alert
            type="info"
            showIcon
            title="每一条都按单条办理的规则检查（包括“录入人不能审批”）；不符合的不办理，并在结果中列出原因。"
          />
        </Modal>
      ) : null}
      {result ? (
        <Modal
          open
          width={720}
          title={`批量${transitions[result.action].label}：已办理 ${result.value.applied} 条，未办理 ${result.value.refused} 条`}
          footer={<Button onClick={() => setResult(null)}>关闭</Button>}
          onCancel={() => setResult(null)}
        >
          {result.value.refused === 0 ? (
            <Alert type="success" showIcon title="全部办理完成" />
          ) : (
            <Table
              size="small"
              rowKey="row"
              pagination={{ pageSize: 10 }}
              dataSource={result.value.results.filter((r) => !r.ok)}
              columns={[
                { title: '序号', dataIndex: 'row', width: 70 },
                { title: '姓名', dataIndex: 'name', width: 100 },
                { title: '身份证号', dataIndex: 'idNumber', width: 190 },
                { title: '未办理的原因', dataIndex: 'message' },
              ]}
            />
          )}
        </Modal>
      ) : null}
    </>
  );
}
