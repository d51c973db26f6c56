import { useQuery } from '@tanstack/react-query';
import { Alert, Drawer, Table, Typography } from 'antd';
import { exitReasonLabels } from '../../../../shared/domain/reports';
import { programShortLabels } from '../../../../shared/domain/programs';
import { call, errorText } from '../../api/client';

/** The people behind a number, IDs masked as the register lists mask them for this user. */
export function DrillDrawer({
  period,
  drill,
  title,
  onClose,
}: {
  period: string;
  drill: string;
  title: string;
  onClose: () => void;
}) {
  const q = useQuery({
    queryKey: ['report.drill', period, drill],
    queryFn: () => call('report.drill', { period, drill }),
  });
  return (
    <Drawer open width={860} title={`明细：${title}`} onClose={onClose} destroyOnHidden>
      {q.isError ? <Alert type="error" showIcon title={errorText(q.error)} /> : null}
      <Typography.Paragraph type="secondary">
        共 {q.data?.total ?? 0} 人次{q.data?.idsMasked ? '，身份证号已按权限隐去中间位' : ''}
      </Typography.Paragraph>
      <Table
        size="small"
        loading={q.isPending}
        rowKey={(r) => `${r.enrolmentId}:${r.from}`}
        dataSource={q.data?.people ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        locale={{ emptyText: '暂无数据' }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '身份证号', dataIndex: 'idNumber', width: 190 },
          {
            title: '项目',
            dataIndex: 'program',
            width: 110,
            render: (p: keyof typeof programShortLabels) => programShortLabels[p],
          },
          { title: '乡镇', dataIndex: 'township', width: 110 },
          { title: '村（社区）', dataIndex: 'village', width: 110 },
          { title: '在册起', dataIndex: 'from', width: 90 },
          { title: '减少月份', dataIndex: 'until', width: 90, render: (u: string | null) => u ?? '' },
          {
            title: '减少原因',
            dataIndex: 'reason',
            render: (r: keyof typeof exitReasonLabels | null) => (r ? exitReasonLabels[r] : ''),
          },
        ]}
      />
    </Drawer>
  );
}
