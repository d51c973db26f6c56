import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Select, Space, Spin, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import type { Input } from '../../../../shared/contract';
import { reportNames, type ReportName } from '../../../../shared/domain/reports';
import { ApiError, call, errorText } from '../../api/client';
import { useJob } from '../../jobs/JobsProvider';
import { DrillDrawer } from './DrillDrawer';
import { ReportGrid } from './ReportGrid';

const titles: Record<ReportName, string> = {
  indicators: '统计月报',
  townships: '分乡镇',
  disability: '残疾类别等级',
  elderly: '高龄年龄段',
  children: '孤儿和事实无人抚养儿童',
  changes: '增减变动',
};

// ECharts comes with the dashboard only: the forms and the summary open without it.
const Dashboard = lazy(() => import('./Dashboard').then((m) => ({ default: m.Dashboard })));

const month = (d: Dayjs) => d.format('YYYY-MM');

/** 统计报表: the dashboard, the report forms with drill-down, the work summary, and their exports. */
export function ReportsPage() {
  const { message } = App.useApp();
  const runJob = useJob();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('year'), dayjs()]);
  const [name, setName] = useState<ReportName>('indicators');
  const [tab, setTab] = useState('dashboard');
  const [drill, setDrill] = useState<{ drill: string; title: string } | null>(null);
  const period = `${month(range[0])}..${month(range[1])}`;
  const view = useQuery({
    queryKey: ['report.show', name, period],
    queryFn: () => call('report.show', { name, period }),
    enabled: tab === 'forms',
  });
  const summary = useQuery({
    queryKey: ['report.summary', period],
    queryFn: () => call('report.summary', { period }),
    enabled: tab === 'summary',
  });
  const exportFile = useMutation({
    mutationFn: (input: Omit<Input<'report.export'>, 'jobId'>) => runJob('report.export', input),
    onSuccess: (r) => void message.success(`已导出 ${r.fileName}`),
    onError: (e) => (e instanceof ApiError && e.code === 'CANCELLED' ? undefined : void message.error(errorText(e))),
  });
  const copy = async () => {
    if (!summary.data) return;
    await navigator.clipboard.writeText(summary.data.text);
    void message.success('已复制到剪贴板');
  };
  const now = dayjs();
  const presets = [
    { label: '本月', value: [now.startOf('month'), now] as [Dayjs, Dayjs] },
    { label: '本季度', value: [now.month(Math.floor(now.month() / 3) * 3).startOf('month'), now] as [Dayjs, Dayjs] },
    { label: '本年累计', value: [now.startOf('year'), now] as [Dayjs, Dayjs] },
    {
      label: '上年全年',
      value: [now.subtract(1, 'year').startOf('year'), now.subtract(1, 'year').endOf('year')] as [Dayjs, Dayjs],
    },
  ];
  return (
    <div className="page">
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>统计期</Typography.Text>
        <DatePicker.RangePicker
          picker="month"
          aria-label="统计期"
          allowClear={false}
          value={range}
          presets={presets}
          disabledDate={(d) => d.isAfter(now, 'month')}
          onChange={(v) => {
            if (v?.[0] && v[1]) setRange([v[0], v[1]]);
          }}
        />
      </Space>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'dashboard',
            label: '统计概览',
            children:
              tab === 'dashboard' ? (
                <Suspense fallback={<Spin />}>
                  <Dashboard month={month(range[1])} />
                </Suspense>
              ) : null,
          },
          {
            key: 'forms',
            label: '统计报表',
            children: (
              <div>
                <Space wrap style={{ marginBottom: 8 }}>
                  <Select<ReportName>
                    aria-label="报表"
                    style={{ width: 300 }}
                    value={name}
                    onChange={setName}
                    options={reportNames.map((n) => ({ value: n, label: titles[n] }))}
                  />
                  <Button
                    loading={exportFile.isPending}
                    onClick={() => exportFile.mutate({ name, period, format: 'xlsx' })}
                  >
                    导出 Excel
                  </Button>
                  <Button
                    loading={exportFile.isPending}
                    onClick={() => exportFile.mutate({ name, period, format: 'pdf' })}
                  >
                    导出 PDF
                  </Button>
                </Space>
                {view.isError ? <Alert type="error" showIcon title={errorText(view.error)} /> : null}
                {view.data ? (
                  <>
                    <Typography.Title level={5} style={{ margin: '4px 0' }}>
                      {view.data.table.title}（{view.data.table.periodLabel}，{view.data.table.unitNote}）
                    </Typography.Title>
                    {view.data.table.emptyReason ? (
                      <Alert type="info" showIcon title={view.data.table.emptyReason} style={{ marginBottom: 8 }} />
                    ) : null}
                    <ReportGrid view={view.data} onDrill={(d, title) => setDrill({ drill: d, title })} />
                  </>
                ) : view.isPending && tab === 'forms' ? (
                  <Spin />
                ) : null}
              </div>
            ),
          },
          {
            key: 'summary',
            label: '工作总结',
            children: (
              <div>
                <Space style={{ marginBottom: 8 }}>
                  <Button type="primary" disabled={!summary.data} onClick={() => void copy()}>
                    复制总结
                  </Button>
                  <Button
                    loading={exportFile.isPending}
                    onClick={() => exportFile.mutate({ name: 'summary', period, format: 'docx' })}
                  >
                    导出 Word
                  </Button>
                </Space>
                {summary.isError ? <Alert type="error" showIcon title={errorText(summary.error)} /> : null}
                {summary.data ? (
                  <div aria-label="工作总结">
                    <Typography.Title level={5}>{summary.data.title}</Typography.Title>
                    {summary.data.sentences.map((s) => (
                      <Typography.Paragraph key={s.text} style={{ textIndent: '2em', fontSize: 15 }}>
                        {s.text}
                      </Typography.Paragraph>
                    ))}
                  </div>
                ) : null}
              </div>
            ),
          },
        ]}
      />
      {drill ? (
        <DrillDrawer period={period} drill={drill.drill} title={drill.title} onClose={() => setDrill(null)} />
      ) : null}
    </div>
  );
}
