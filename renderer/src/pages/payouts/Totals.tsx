import { Card, Table } from 'antd';
import type { PayoutLine } from '../../../../shared/contract/payouts';
import { zhCompare } from '../../../../shared/domain/collate';
import { formatFen } from '../../../../shared/domain/money';
import { payoutKindLabels, type PayoutKind } from '../../../../shared/domain/payouts';

interface Row {
  key: string;
  label: string;
  people: number;
  lines: number;
  fen: number;
}

function group(lines: readonly PayoutLine[], keyOf: (l: PayoutLine) => string): Row[] {
  const map = new Map<string, { people: Set<number>; lines: number; fen: number }>();
  for (const l of lines) {
    const k = keyOf(l);
    const g = map.get(k) ?? { people: new Set<number>(), lines: 0, fen: 0 };
    g.people.add(l.personId);
    g.lines++;
    g.fen += l.amountFen;
    map.set(k, g);
  }
  return [...map].map(([label, g]) => ({ key: label, label, people: g.people.size, lines: g.lines, fen: g.fen }));
}

const columns = (first: string) => [
  { title: first, dataIndex: 'label', key: 'label' },
  { title: '人数', dataIndex: 'people', key: 'people', align: 'right' as const },
  { title: '笔数', dataIndex: 'lines', key: 'lines', align: 'right' as const },
  { title: '金额(元)', dataIndex: 'fen', key: 'fen', align: 'right' as const, render: (fen: number) => formatFen(fen) },
];

function SumTable({ title, rows, all }: { title: string; rows: Row[]; all: readonly PayoutLine[] }) {
  const people = new Set(all.map((l) => l.personId)).size;
  const fen = all.reduce((s, l) => s + l.amountFen, 0);
  return (
    <Card size="small" title={title} style={{ flex: 1, minWidth: 360 }}>
      <Table<Row>
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        columns={columns(title === '按乡镇汇总' ? '乡镇（街道）' : '发放类型')}
        aria-label={title}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {people}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {all.length}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {formatFen(fen)}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}

/** Totals by township and by kind, summed from the lines (the batch header holds the stored totals). */
export function Totals({ lines }: { lines: readonly PayoutLine[] }) {
  const byTownship = group(lines, (l) => l.township ?? '（未填乡镇）').sort((a, b) => zhCompare(a.label, b.label));
  const order = Object.keys(payoutKindLabels) as PayoutKind[];
  const byKind = group(lines, (l) => payoutKindLabels[l.kind]).sort(
    (a, b) =>
      order.findIndex((k) => payoutKindLabels[k] === a.label) - order.findIndex((k) => payoutKindLabels[k] === b.label),
  );
  return (
    <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
      <SumTable title="按乡镇汇总" rows={byTownship} all={lines} />
      <SumTable title="按发放类型汇总" rows={byKind} all={lines} />
    </div>
  );
}
