import { useMutation, useQuery } from '@tanstack/react-query';
import { AgGridReact } from 'ag-grid-react';
import { App, Button, Card, DatePicker, Form, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { Role } from '../../../../shared/contract';
import type { Batch } from '../../../../shared/contract/payouts';
import { formatFen } from '../../../../shared/domain/money';
import { programLabels, programs, type Program } from '../../../../shared/domain/programs';
import { ApiError, call, errorText } from '../../api/client';
import { baseGridOptions } from '../../grid/setup';
import { BatchDrawer } from './BatchDrawer';
import { batchColumns, period } from './columns';
import { payoutKeys, useRefreshPayouts, wasCancelled } from './queries';
import { useJob } from '../../jobs/JobsProvider';

interface GenerateForm {
  program: Program;
  month: Dayjs;
}

const programOptions = programs.map((p) => ({ value: p, label: programLabels[p] }));

/** The batches, newest period first, and (for clerks) the form that generates one. */
export function BatchList({ roles, username }: { roles: readonly Role[]; username: string }) {
  const { message, modal } = App.useApp();
  const refresh = useRefreshPayouts();
  const [program, setProgram] = useState<Program | undefined>(undefined);
  const [openId, setOpenId] = useState<number | null>(null);
  const [form] = Form.useForm<GenerateForm>();
  const list = useQuery({
    queryKey: [...payoutKeys.list, program ?? 'all'],
    queryFn: () => call('payout.list', program ? { program } : {}),
  });
  const all = useQuery({
    queryKey: [...payoutKeys.list, 'all'],
    queryFn: () => call('payout.list', {}),
    enabled: roles.includes('clerk'),
  });
  const isClerk = roles.includes('clerk');

  const runJob = useJob();
  const generate = useMutation({
    mutationFn: (v: { program: Program; month: string }) => runJob('payout.generate', v),
    onSuccess: (b, v) => {
      const again = (all.data ?? []).some((x) => x.id === b.id);
      const extras = [
        b.held > 0 ? `${b.held} 笔银行退回的明细待更正账号后重发` : '',
        b.recoveriesFound > 0 ? `发现 ${b.recoveriesFound} 笔多发，已列入追缴记录` : '',
        b.heldOut.length > 0
          ? `${b.heldOut.length} 人缺少银行账号暂缓发放（${b.heldOut.map((h) => h.name).join('、')}），补录账号后由下一批次补发`
          : '',
      ].filter(Boolean);
      const text = `${again ? '已重新生成草稿批次' : '已生成批次'} ${b.batchNo}（${programLabels[v.program]} ${period(b)}）：${b.lineCount} 笔，合计 ${formatFen(b.totalFen)} 元`;
      if (extras.length) modal.info({ title: '批次已生成', content: `${text}。${extras.join('；')}。` });
      else void message.success(text);
      refresh();
      setOpenId(b.id);
    },
    onError: (e) => {
      // Nothing to pay: not a failure of the form, and a draft that no longer pays anything may be gone.
      if (e instanceof ApiError && e.code === 'BATCH_EMPTY') {
        modal.info({ title: '本期没有应发放的款项', content: e.message });
        refresh();
      } else if (!wasCancelled(e)) void message.error(errorText(e));
    },
  });

  const submit = (v: GenerateForm) => {
    const month = v.month.format('YYYY-MM');
    // A draft of the same program whose period holds the month is regenerated, not duplicated.
    const draft = (all.data ?? []).find(
      (b) => b.program === v.program && b.status === 'draft' && b.periodFrom <= month && month <= b.periodTo,
    );
    if (!draft) {
      generate.mutate({ program: v.program, month });
      return;
    }
    modal.confirm({
      title: '重新生成草稿批次',
      content: `${programLabels[v.program]} ${period(draft)} 已有草稿批次 ${draft.batchNo}（${draft.lineCount} 笔，合计 ${formatFen(draft.totalFen)} 元）。重新生成将按当前的人员、银行账号和补贴标准重新计算，替换该批次的全部明细。是否继续？`,
      okText: '重新生成',
      cancelText: '取消',
      onOk: () => generate.mutate({ program: v.program, month }),
    });
  };

  const gridProps = useMemo(
    () => ({
      ...baseGridOptions,
      getRowId: (p: { data: Batch }) => String(p.data.id),
      onRowDoubleClicked: (e: { data?: Batch }) => e.data && setOpenId(e.data.id),
      onRowClicked: (e: { data?: Batch }) => e.data && setOpenId(e.data.id),
      rowSelection: { mode: 'singleRow', checkboxes: false, enableClickSelection: true } as const,
    }),
    [],
  );

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      {isClerk ? (
        <Card size="small" title="生成发放批次">
          <Form form={form} layout="inline" style={{ rowGap: 8 }} initialValues={{ month: dayjs() }} onFinish={submit}>
            <Form.Item label="项目" name="program" rules={[{ required: true, message: '请选择项目' }]}>
              <Select options={programOptions} style={{ width: 280 }} aria-label="发放项目" />
            </Form.Item>
            <Form.Item label="发放月份" name="month" rules={[{ required: true, message: '请选择月份' }]}>
              <DatePicker picker="month" allowClear={false} aria-label="发放月份" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={generate.isPending}>
              生成批次
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            按月、季或半年发放时，批次包含所选月份所在的整个期间。同一项目、同一期间的草稿批次再次生成时，将按最新数据重新生成并替换原有明细；已复核、已锁定的批次不能重新生成，须由负责人作废后重做。
          </Typography.Paragraph>
        </Card>
      ) : null}
      <Space>
        <Select
          allowClear
          placeholder="全部项目"
          style={{ width: 280 }}
          aria-label="按项目筛选"
          options={programOptions}
          value={program}
          onChange={(v: Program | undefined) => setProgram(v)}
        />
        <Typography.Text type="secondary">单击批次查看明细</Typography.Text>
      </Space>
      <div
        style={{ height: isClerk ? 'calc(100vh - 400px)' : 'calc(100vh - 260px)', minHeight: 260 }}
        aria-label="发放批次列表"
      >
        <AgGridReact<Batch>
          {...gridProps}
          rowData={list.data ?? []}
          columnDefs={batchColumns}
          loading={list.isPending}
        />
      </div>
      <div className="grid-status" role="note" aria-label="批次合计">
        共 {list.data?.length ?? 0} 个批次
      </div>
      {openId !== null ? (
        <BatchDrawer batchId={openId} roles={roles} username={username} onClose={() => setOpenId(null)} />
      ) : null}
    </Space>
  );
}
