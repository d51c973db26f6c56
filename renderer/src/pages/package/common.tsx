import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { DatePicker, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { formatFen } from '../../../../shared/domain/money';
import { programLabels, type Program } from '../../../../shared/domain/programs';
import { baseGridOptions } from '../../grid/setup';

export type PackageTable = Output<'package.status'>['tables'][number];

const month = (d: Dayjs) => d.format('YYYY-MM');

/** The period a package covers; by default the first half of this year, the usual 上报 cycle. */
export function usePeriod(): [string, [Dayjs, Dayjs], (v: [Dayjs, Dayjs]) => void] {
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => {
    const now = dayjs();
    return [now.startOf('year'), now.month() < 6 ? now : now.month(5)];
  });
  return [`${month(range[0])}..${month(range[1])}`, range, setRange];
}

export function PeriodPicker({ range, onChange }: { range: [Dayjs, Dayjs]; onChange: (v: [Dayjs, Dayjs]) => void }) {
  const now = dayjs();
  const presets = [
    { label: '上半年', value: [now.startOf('year'), now.month(5)] as [Dayjs, Dayjs] },
    { label: '本年累计', value: [now.startOf('year'), now] as [Dayjs, Dayjs] },
    {
      label: '上年全年',
      value: [now.subtract(1, 'year').startOf('year'), now.subtract(1, 'year').endOf('year')] as [Dayjs, Dayjs],
    },
  ];
  return (
    <Space wrap>
      <Typography.Text>上报期间</Typography.Text>
      <DatePicker.RangePicker
        picker="month"
        aria-label="上报期间"
        allowClear={false}
        value={range}
        presets={presets}
        onChange={(v) => {
          if (v?.[0] && v[1]) onChange([v[0], v[1]]);
        }}
      />
    </Space>
  );
}

/** A key's fingerprint in its groups, large enough to read aloud over the phone. */
export function Fingerprint({ value, label }: { value: string | null; label: string }) {
  if (!value) return <Typography.Text type="secondary">（尚未设置）</Typography.Text>;
  return (
    <Typography.Text
      code
      copyable={{ text: value, tooltips: ['复制指纹', '已复制'] }}
      aria-label={label}
      style={{ fontSize: 16, letterSpacing: 1 }}
    >
      {value}
    </Typography.Text>
  );
}

const keyText = (k: string) => (k in programLabels ? programLabels[k as Program] : k);
const FEN = '（分）';

type Line = { id: string; key: string[]; values: Array<number | null>; fen?: boolean | undefined };

/** One package table (keys + integer values); money columns in fen are shown in 元. */
export function PackageTableGrid({ table }: { table: PackageTable }) {
  // Each county's rows first, then the 合计 rows (the sum interleaves them).
  const rows = useMemo<Line[]>(
    () =>
      table.rows
        .map((r) => ({ id: r.key.join('\u0001'), ...r }))
        .sort((a, b) => Number(a.key[0] === '合计') - Number(b.key[0] === '合计')),
    [table],
  );
  const columns = useMemo<ColDef<Line>[]>(
    () => [
      ...table.keyLabels.map((l, i): ColDef<Line> => ({
        colId: `k${String(i)}`,
        headerName: l,
        minWidth: 140,
        flex: 1,
        valueGetter: (p) => keyText(p.data?.key[i] ?? ''),
        cellStyle: (p) => (p.data?.key[0] === '合计' ? { fontWeight: 600 } : null),
      })),
      ...table.valueLabels.map((l, i): ColDef<Line> => {
        const fen = l.endsWith(FEN);
        return {
          colId: `v${String(i)}`,
          headerName: fen ? `${l.slice(0, -FEN.length)}（元）` : l,
          minWidth: 120,
          flex: 1,
          type: 'rightAligned',
          filter: false,
          valueGetter: (p) => p.data?.values[i] ?? null,
          valueFormatter: (p) =>
            p.value === null ? '—' : fen || p.data?.fen ? formatFen(Number(p.value)) : String(p.value),
          comparator: (a: number | null, b: number | null) => (a ?? -1) - (b ?? -1),
        };
      }),
    ],
    [table],
  );
  return (
    <div style={{ height: Math.min(420, 56 + rows.length * 42) }} aria-label={table.title}>
      <AgGridReact<Line> {...baseGridOptions} rowData={rows} columnDefs={columns} getRowId={(p) => p.data.id} />
    </div>
  );
}
