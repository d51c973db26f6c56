import { useMutation, useQuery } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { Alert, App, Button, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import type { Output } from '../../../../shared/contract';
import { formatFen } from '../../../../shared/domain/money';
import { call, errorText } from '../../api/client';
import { baseGridOptions } from '../../grid/setup';
import { useJob } from '../../jobs/JobsProvider';
import { wasCancelled } from '../payouts/queries';
import { PackageTableGrid, PeriodPicker, usePeriod } from './common';

type County = Output<'package.status'>['counties'][number];

const columns: ColDef<County>[] = [
  { field: 'countyCode', headerName: '代码', width: 110 },
  { field: 'countyName', headerName: '县（区）', minWidth: 140, flex: 1 },
  {
    field: 'reported',
    headerName: '上报情况',
    width: 120,
    cellRenderer: (p: { value: boolean }) =>
      p.value ? <Tag color="green">已上报</Tag> : <Tag color="red">未上报</Tag>,
    valueFormatter: (p) => (p.value ? '已上报' : '未上报'),
  },
  {
    field: 'sequence',
    headerName: '包序号',
    width: 100,
    valueFormatter: (p) => (p.value ? `第 ${String(p.value)} 号` : '—'),
  },
  {
    field: 'importedAt',
    headerName: '导入时间',
    width: 190,
    valueFormatter: (p) => (p.value ? new Date(String(p.value)).toLocaleString('zh-CN', { hour12: false }) : '—'),
  },
  {
    field: 'moneyFen',
    headerName: '发放金额（元）',
    width: 160,
    type: 'rightAligned',
    valueFormatter: (p) => formatFen(Number(p.value)),
  },
];

/** 上报情况 (city): who has reported this period, who not, and the consolidated tables. */
export function CityStatusPage() {
  const { message } = App.useApp();
  const runJob = useJob();
  const [period, range, setRange] = usePeriod();
  const status = useQuery({ queryKey: ['package.status', period], queryFn: () => call('package.status', { period }) });
  const exportFile = useMutation({
    mutationFn: (format: 'xlsx' | 'pdf') => runJob('package.exportConsolidated', { period, format }),
    onSuccess: (r) => void message.success(`已导出 ${r.fileName}`),
    onError: (e) => (wasCancelled(e) ? undefined : void message.error(errorText(e))),
  });
  const s = status.data;
  const reported = s?.counties.filter((c) => c.reported).length ?? 0;
  const missing = s?.counties.filter((c) => !c.reported) ?? [];
  return (
    <div className="page">
      <Space wrap style={{ marginBottom: 12 }}>
        <PeriodPicker range={range} onChange={setRange} />
        <Button loading={exportFile.isPending} onClick={() => exportFile.mutate('xlsx')}>
          导出汇总 Excel
        </Button>
        <Button loading={exportFile.isPending} onClick={() => exportFile.mutate('pdf')}>
          导出汇总 PDF
        </Button>
      </Space>
      {status.isError ? <Alert type="error" showIcon title={errorText(status.error)} /> : null}
      {s ? (
        <>
          <Space size="large" style={{ marginBottom: 12 }}>
            <Statistic title="已上报" value={reported} suffix={`/ ${String(s.counties.length)} 个县（区）`} />
            <Statistic title="汇总发放金额（元）" value={formatFen(s.totalFen)} />
          </Space>
          {missing.length ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`未上报：${missing.map((c) => c.countyName).join('、')}`}
            />
          ) : s.counties.length ? (
            <Alert type="success" showIcon style={{ marginBottom: 12 }} title="各县（区）均已上报" />
          ) : (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title="尚未登记下辖县（区）" />
          )}
          <div style={{ height: Math.min(360, 60 + s.counties.length * 42) }} aria-label="各县区上报情况">
            <AgGridReact<County>
              {...baseGridOptions}
              rowData={s.counties}
              columnDefs={columns}
              getRowId={(p) => p.data.countyCode}
            />
          </div>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            汇总报表
          </Typography.Title>
          {s.tables.length ? (
            <Tabs
              items={s.tables.map((t) => ({ key: t.id, label: t.title, children: <PackageTableGrid table={t} /> }))}
            />
          ) : (
            <Typography.Text type="secondary">本期尚无已导入的上报数据。</Typography.Text>
          )}
        </>
      ) : null}
    </div>
  );
}
