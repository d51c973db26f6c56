import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Spin, Table, Typography } from 'antd';
import type { DiffRow } from '../../../../shared/contract/payouts';
import { formatFen } from '../../../../shared/domain/money';
import { call, errorText } from '../../api/client';
import { payoutKeys } from './queries';

const columns = [
  { title: '姓名', dataIndex: 'name', key: 'name', width: 100 },
  { title: '乡镇', dataIndex: 'township', key: 'township', width: 120 },
  { title: '村', dataIndex: 'village', key: 'village', width: 120 },
  {
    title: '上期(元)',
    dataIndex: 'beforeFen',
    key: 'beforeFen',
    width: 110,
    align: 'right' as const,
    render: (f: number) => formatFen(f),
  },
  {
    title: '本期(元)',
    dataIndex: 'afterFen',
    key: 'afterFen',
    width: 110,
    align: 'right' as const,
    render: (f: number) => formatFen(f),
  },
  { title: '原因', dataIndex: 'reason', key: 'reason' },
];

function Part({ title, rows }: { title: string; rows: DiffRow[] }) {
  return (
    <Card size="small" title={`${title}（${rows.length} 人）`}>
      <Table<DiffRow>
        size="small"
        rowKey={(r) => String(r.enrolmentId)}
        dataSource={rows}
        columns={columns}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: '无' }}
        aria-label={title}
      />
    </Card>
  );
}

/** Who is new, who stopped and whose amount changed since the previous batch: what the reviewer checks before signing. */
export function DiffPanel({ batchId }: { batchId: number }) {
  const q = useQuery({ queryKey: payoutKeys.diff(batchId), queryFn: () => call('payout.diff', { batchId }) });
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon title={errorText(q.error)} />;
  const d = q.data;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Typography.Text type="secondary">
        {d.previous
          ? `与上期批次 ${d.previous} 对比，请复核下列变化。`
          : '本项目此前没有已发放的批次，本期人员均为新增。'}
      </Typography.Text>
      <Part title="新增" rows={d.added} />
      <Part title="停发" rows={d.stopped} />
      <Part title="金额变化" rows={d.changed} />
    </div>
  );
}
