import { useMutation, useQuery } from '@tanstack/react-query';
import type { GridApi, SelectionChangedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import type { Role } from '../../../../shared/contract';
import type { Recovery } from '../../../../shared/contract/payouts';
import { formatFen } from '../../../../shared/domain/money';
import { call, errorText } from '../../api/client';
import { baseGridOptions } from '../../grid/setup';
import { recoveryColumns, recoveryStatusLabels } from './columns';
import { payoutKeys, useRefreshPayouts } from './queries';

type Status = Recovery['status'];
type Resolution = 'recovered' | 'waived';

function ResolveModal({ rows, status, onClose }: { rows: Recovery[]; status: Resolution; onClose: () => void }) {
  const { message } = App.useApp();
  const refresh = useRefreshPayouts();
  const [form] = Form.useForm<{ note: string }>();
  const resolve = useMutation({
    mutationFn: (note: string) => call('payout.resolveRecovery', { ids: rows.map((r) => r.id), status, note }),
    onSuccess: (r) => {
      void message.success(`已办结 ${r.updated} 笔追缴（${recoveryStatusLabels[status]}）`);
      refresh();
      onClose();
    },
    onError: (e) => form.setFields([{ name: 'note', errors: [errorText(e)] }]),
  });
  const fen = rows.reduce((s, r) => s + r.amountFen, 0);
  return (
    <Modal
      open
      title={status === 'recovered' ? '登记已追回' : '免予追缴'}
      okText="确定"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={resolve.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>
        所选 {rows.length} 笔，合计 {formatFen(fen)} 元：{[...new Set(rows.map((r) => r.name))].join('、')}。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => resolve.mutate(v.note.trim())}>
        <Form.Item
          label="说明"
          name="note"
          rules={[
            { required: true, whitespace: true, message: '请填写说明' },
            { min: 2, max: 200, message: '说明应为 2–200 个字' },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={200}
            showCount
            autoFocus
            placeholder={
              status === 'recovered' ? '例如：家属已于 5 月 20 日退回现金' : '例如：经局务会研究，家庭困难免予追缴'
            }
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Months paid that were not owed (a death or stop recorded late): recovered by the clerk, or waived by the head. */
export function RecoveriesTab({ roles }: { roles: readonly Role[] }) {
  const [status, setStatus] = useState<Status | 'all'>('pending');
  const [selected, setSelected] = useState<Recovery[]>([]);
  const [resolving, setResolving] = useState<Resolution | null>(null);
  const apiRef = useRef<GridApi<Recovery> | null>(null);
  const q = useQuery({
    queryKey: [...payoutKeys.recoveries, status],
    queryFn: () => call('payout.recoveries', status === 'all' ? {} : { status }),
  });
  const rows = q.data ?? [];
  const pending = selected.filter((r) => r.status === 'pending');
  const canRecover = roles.includes('clerk') || roles.includes('head');
  const canWaive = roles.includes('head');
  const gridProps = useMemo(
    () => ({
      ...baseGridOptions,
      getRowId: (p: { data: Recovery }) => String(p.data.id),
      rowSelection: {
        mode: 'multiRow',
        isRowSelectable: (n: { data?: Recovery }) => n.data?.status === 'pending',
      } as const,
      onGridReady: (e: { api: GridApi<Recovery> }) => {
        apiRef.current = e.api;
      },
      onSelectionChanged: (e: SelectionChangedEvent<Recovery>) => setSelected(e.api.getSelectedRows()),
    }),
    [],
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Space wrap>
        <Select
          aria-label="追缴状态"
          style={{ width: 160 }}
          value={status}
          onChange={(v: Status | 'all') => {
            setStatus(v);
            setSelected([]);
          }}
          options={[
            { value: 'all', label: '全部' },
            ...(Object.keys(recoveryStatusLabels) as Status[]).map((s) => ({
              value: s,
              label: recoveryStatusLabels[s],
            })),
          ]}
        />
        {canRecover ? (
          <Button type="primary" disabled={pending.length === 0} onClick={() => setResolving('recovered')}>
            已追回
          </Button>
        ) : null}
        {canWaive ? (
          <Button disabled={pending.length === 0} onClick={() => setResolving('waived')}>
            免予追缴
          </Button>
        ) : null}
        <Typography.Text type="secondary">勾选待追缴的记录后办理；免予追缴须由负责人决定。</Typography.Text>
      </Space>
      <div style={{ height: 'calc(100vh - 300px)', minHeight: 260 }} aria-label="追缴记录">
        <AgGridReact<Recovery> {...gridProps} rowData={rows} columnDefs={recoveryColumns} loading={q.isPending} />
      </div>
      <div className="grid-status" role="note" aria-label="追缴合计">
        共 {rows.length} 笔，合计 {formatFen(rows.reduce((s, r) => s + r.amountFen, 0))} 元
        {selected.length
          ? `；已选 ${selected.length} 笔，${formatFen(selected.reduce((s, r) => s + r.amountFen, 0))} 元`
          : ''}
      </div>
      {resolving && pending.length > 0 ? (
        <ResolveModal
          rows={pending}
          status={resolving}
          onClose={() => {
            setResolving(null);
            setSelected([]);
            apiRef.current?.deselectAll();
          }}
        />
      ) : null}
    </Space>
  );
}
