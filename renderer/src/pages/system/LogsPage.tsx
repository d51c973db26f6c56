import { ExportOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { Alert, App, Button, Space, Typography } from 'antd';
import { logEventLabels, logLevelLabels, type LogEntry } from '../../../../shared/contract';
import { auditActionLabel } from '../../../../shared/contract/audit-labels';
import { call, errorText } from '../../api/client';
import { baseGridOptions } from '../../grid/setup';
import { wasCancelled } from '../payouts/queries';

const columns: ColDef<LogEntry>[] = [
  {
    field: 'time',
    headerName: '时间',
    width: 180,
    valueFormatter: (p) => new Date(String(p.value)).toLocaleString('zh-CN', { hour12: false }),
  },
  {
    field: 'level',
    headerName: '级别',
    width: 80,
    valueFormatter: (p) => logLevelLabels[p.value as LogEntry['level']] ?? String(p.value),
  },
  {
    field: 'event',
    headerName: '事件',
    width: 220,
    valueFormatter: (p) => logEventLabels[p.value as LogEntry['event']] ?? String(p.value),
  },
  {
    field: 'channel',
    headerName: '功能',
    width: 170,
    valueFormatter: (p) => (p.value ? auditActionLabel(String(p.value)) : '—'),
    tooltipField: 'channel',
  },
  { field: 'code', headerName: '代码', width: 130 },
  { field: 'detail', headerName: '技术细节（供技术支持）', flex: 1, minWidth: 300, tooltipField: 'detail' },
];

/** 运行日志: what went wrong on this workstation, in Chinese, and a copy for support. */
export function LogsPage() {
  const { message } = App.useApp();
  const logs = useQuery({ queryKey: ['log.recent'], queryFn: () => call('log.recent', { limit: 500 }) });
  const save = useMutation({
    mutationFn: () => call('log.save', {}),
    onSuccess: (r) => void message.success(`运行日志已保存：${r.fileName}`),
    onError: (e) => (wasCancelled(e) ? undefined : void message.error(errorText(e))),
  });
  return (
    <div className="page">
      <Typography.Paragraph type="secondary">
        记录程序内部错误、自动备份失败、任务失败和后台服务重启等情况，不含任何人员信息。遇到问题时可导出交给技术支持。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 8 }}>
        <Button icon={<ReloadOutlined />} onClick={() => void logs.refetch()}>
          刷新
        </Button>
        <Button icon={<ExportOutlined />} onClick={() => save.mutate()} loading={save.isPending}>
          导出运行日志
        </Button>
        <span>共 {logs.data?.length ?? 0} 条</span>
      </Space>
      {logs.isError ? <Alert type="error" showIcon title={errorText(logs.error)} /> : null}
      <div className="grid-box">
        <AgGridReact<LogEntry>
          {...baseGridOptions}
          rowData={logs.data ?? []}
          columnDefs={columns}
          loading={logs.isPending}
        />
      </div>
    </div>
  );
}
