import type { GridApi } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { Input, Space, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Batch, PayoutLine } from '../../../../shared/contract/payouts';
import { formatFen } from '../../../../shared/domain/money';
import { baseGridOptions } from '../../grid/setup';
import { lineColumns } from './columns';

/** The batch's lines with a quick filter and a status row that sums what the filter shows. */
export function LinesGrid({ batch, lines, idsMasked }: { batch: Batch; lines: PayoutLine[]; idsMasked: boolean }) {
  const apiRef = useRef<GridApi<PayoutLine> | null>(null);
  const [stats, setStats] = useState({ rows: 0, fen: 0, failed: 0 });
  const columns = useMemo(() => lineColumns(batch.program), [batch.program]);
  const recount = useCallback(() => {
    let rows = 0;
    let fen = 0;
    let failed = 0;
    apiRef.current?.forEachNodeAfterFilter((n) => {
      if (!n.data) return;
      rows++;
      fen += n.data.amountFen;
      if (n.data.bankStatus === 'failed') failed++;
    });
    setStats((s) => (s.rows === rows && s.fen === fen && s.failed === failed ? s : { rows, fen, failed }));
  }, []);
  const gridProps = useMemo(
    () => ({
      ...baseGridOptions,
      getRowId: (p: { data: PayoutLine }) => String(p.data.id),
      onGridReady: (e: { api: GridApi<PayoutLine> }) => {
        apiRef.current = e.api;
      },
      onModelUpdated: recount,
      tooltipShowDelay: 300,
      // Twelve columns: render them all, so the bank result at the far right is in the DOM (and found by the browser's search).
      suppressColumnVirtualisation: true,
    }),
    [recount],
  );
  const filtered = stats.rows !== lines.length;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8}>
      <Space>
        <Input.Search
          allowClear
          placeholder="姓名、身份证号、银行账号、乡镇或村"
          style={{ width: 320 }}
          aria-label="查找明细"
          onChange={(e) => apiRef.current?.setGridOption('quickFilterText', e.target.value)}
        />
        {idsMasked ? <Typography.Text type="secondary">身份证号按权限部分隐藏</Typography.Text> : null}
      </Space>
      <div style={{ height: 'calc(100vh - 460px)', minHeight: 300 }} aria-label="发放明细">
        <AgGridReact<PayoutLine> {...gridProps} rowData={lines} columnDefs={columns} />
      </div>
      <div className="grid-status" role="note" aria-label="明细合计">
        {filtered ? `筛选出 ${stats.rows} 笔，金额 ${formatFen(stats.fen)} 元；` : ''}共 {lines.length} 笔，合计{' '}
        {formatFen(batch.totalFen)} 元{stats.failed > 0 ? `；其中银行失败 ${stats.failed} 笔` : ''}
      </div>
    </Space>
  );
}
