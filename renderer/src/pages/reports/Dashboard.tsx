import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Spin, Statistic } from 'antd';
import { useMemo } from 'react';
import type { Dashboard as DashboardData } from '../../../../shared/contract/reports';
import { wanYuan } from '../../../../shared/domain/reports';
import { programShortLabels } from '../../../../shared/domain/programs';
import { call, errorText } from '../../api/client';
import { EChart, type ChartOption } from './EChart';

const wan = (fen: number) => Number(wanYuan(fen));

function spendingOption(d: DashboardData): ChartOption {
  const sum = (key: 'thisYear' | 'lastYear') =>
    d.months.map((_m, i) => d.spending.reduce((s, p) => s + (p[key][i] ?? 0), 0));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    // Room above the plot for a legend of six series in two rows and the unit.
    grid: { left: 50, right: 20, top: 80, bottom: 30 },
    xAxis: { type: 'category', data: d.months.map((m) => `${Number(m.slice(5))}月`) },
    yAxis: { type: 'value', name: '万元' },
    series: [
      ...d.spending.map((p) => ({
        name: `${programShortLabels[p.program]}（${d.year}年）`,
        type: 'bar',
        stack: 'this',
        data: p.thisYear.map(wan),
      })),
      { name: `合计（${d.year - 1}年同期）`, type: 'line', data: sum('lastYear').map(wan) },
    ],
  };
}

const barOption = (title: string, names: string[], values: number[]): ChartOption => ({
  tooltip: { trigger: 'axis' },
  grid: { left: 50, right: 20, top: 30, bottom: 60 },
  xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
  // People come whole: no 2.5 on the axis.
  yAxis: { type: 'value', name: '人', minInterval: 1 },
  series: [{ name: title, type: 'bar', data: values }],
});

const pieOption = (title: string, items: Array<{ label: string; persons: number }>): ChartOption => ({
  tooltip: { trigger: 'item' },
  legend: { bottom: 0 },
  series: [
    {
      name: title,
      type: 'pie',
      radius: ['35%', '65%'],
      data: items.map((i) => ({ name: i.label, value: i.persons })),
      label: { formatter: '{b}\n{c}人' },
    },
  ],
});

/** 统计概览: spending this year against last, persons by township, tiers and grades, open 待办预警. */
export function Dashboard({ month }: { month: string }) {
  const q = useQuery({ queryKey: ['report.dashboard', month], queryFn: () => call('report.dashboard', { month }) });
  const d = q.data;
  const options = useMemo(
    () =>
      d
        ? {
            spending: spendingOption(d),
            towns: barOption(
              '在册人数',
              d.townships.map((t) => t.name),
              d.townships.map((t) => t.persons),
            ),
            tiers: pieOption('高龄津贴', d.elderTiers),
            grades: pieOption('护理补贴', d.careGrades),
          }
        : null,
    [d],
  );
  if (q.isError) return <Alert type="error" showIcon title={errorText(q.error)} />;
  if (!d || !options) return <Spin />;
  const total = d.spending.reduce((s, p) => s + p.thisYear.reduce((a, b) => a + b, 0), 0);
  const last = d.spending.reduce((s, p) => s + p.lastYear.reduce((a, b) => a + b, 0), 0);
  return (
    <div>
      {d.emptyReason ? <Alert type="info" showIcon title={d.emptyReason} style={{ marginBottom: 12 }} /> : null}
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col span={8}>
          <Card size="small">
            <Statistic title={`${d.year}年累计发放（万元）`} value={wanYuan(total)} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small">
            <Statistic title={`${d.year - 1}年同期（万元）`} value={wanYuan(last)} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small">
            <Statistic title="待办预警" value={d.openChecks} suffix="条" />
          </Card>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={14}>
          <Card size="small" title="各项补贴月度发放（本年与去年同期）">
            <EChart label="月度发放" option={options.spending} />
          </Card>
        </Col>
        <Col span={10}>
          <Card size="small" title="各乡镇在册人数">
            <EChart label="乡镇在册人数" option={options.towns} />
          </Card>
        </Col>
        <Col span={12} style={{ marginTop: 12 }}>
          <Card size="small" title="高龄津贴年龄段">
            <EChart label="高龄津贴年龄段" option={options.tiers} height={260} />
          </Card>
        </Col>
        <Col span={12} style={{ marginTop: 12 }}>
          <Card size="small" title="护理补贴等级">
            <EChart label="护理补贴等级" option={options.grades} height={260} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
